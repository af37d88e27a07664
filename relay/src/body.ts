// Bodies cross the relay whole, each way.
//
// A request body is read to its end before anything goes upstream: a refused body costs the provider nothing,
// and the upstream gets an exact Content-Length instead of a chunked stream. A provider's answer is read to
// its end before the caller gets a status: a provider that stalls mid-body then gets the relay's 504, where
// a streamed answer would already have sent a 200 it could only cut short.
//
// A body is held once, as the chunks it arrived in, and sent on from those chunks. Joining them would hold it
// twice, and so would handing the runtime's fetch or Response a byte array: both copy it (the Fetch standard
// says to) where they take a stream as it is. Ten plugins each sending 20 MB of references at once is the
// case this is for (relay/bench/upload-memory.mjs measures it).
//
// A refused request body is still read to its end (and dropped) before the refusal goes out, up to a limit:
// workerd resets a connection whose request body is left unread, and the reset destroys the answer (a 413,
// a 401) before the client reads it.

/** A whole body as the chunks it arrived in, never copied or joined. */
export interface HeldBody {
  readonly chunks: readonly Uint8Array[];
  readonly byteLength: number;
}

export type BodyResult = { readonly ok: true; readonly body: HeldBody } | { readonly ok: false };

/** How much of a refused body is read and dropped so the client can read the 413; past it, the connection goes. */
export const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * The most of a provider's answer the relay holds. An image answer is a few MB (even uncompressed, a 1920×1080
 * RGBA image is 8 MB); the cap keeps a provider that sends without end from filling the relay's memory.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** The declared Content-Length in bytes, or null when absent or not a plain number. */
export function declaredLength(contentLength: string | null): number | null {
  const trimmed = contentLength?.trim() ?? '';
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The whole body, or not ok once more than maxBytes have arrived (nothing past the cap is kept; the rest is read
 * and dropped up to discardLimitBytes, then cancelled). Rejects when the stream fails: the other side is gone.
 */
export async function readCappedBodyAsync(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  discardLimitBytes = MAX_DISCARDED_BYTES,
): Promise<BodyResult> {
  if (body === null) return { ok: true, body: { chunks: [], byteLength: 0 } };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { ok: true, body: { chunks, byteLength } };
    byteLength += value.byteLength;
    if (byteLength > maxBytes) {
      await discardRestAsync(reader, discardLimitBytes - byteLength);
      return { ok: false };
    }
    chunks.push(value);
  }
}

/**
 * The held body as a stream to send, which the runtime sends with a Content-Length of body.byteLength (Node's
 * fetch and server take it from the header, which the caller sets; workerd needs its FixedLengthStream, and
 * would otherwise send a plain stream chunked).
 */
export function sendableBody(body: HeldBody): ReadableStream<Uint8Array> {
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = body.chunks[next];
      next += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const { FixedLengthStream } = globalThis as { FixedLengthStream?: new (length: number) => TransformStream<Uint8Array, Uint8Array> };
  if (FixedLengthStream === undefined) return stream;
  const fixed = new FixedLengthStream(body.byteLength);
  // A failure shows on the readable side, where the fetch or the caller's connection reads it.
  stream.pipeTo(fixed.writable).catch(() => undefined);
  return fixed.readable;
}

/** Reads and drops what is left of a request's body, unless it declares more than discardLimitBytes. */
export async function discardUnreadBodyAsync(request: Request, discardLimitBytes = MAX_DISCARDED_BYTES): Promise<void> {
  if (request.body === null || request.bodyUsed) return;
  const declared = declaredLength(request.headers.get('content-length'));
  if (declared !== null && declared > discardLimitBytes) return;
  await discardRestAsync(request.body.getReader(), discardLimitBytes);
}

async function discardRestAsync(reader: ReadableStreamDefaultReader<Uint8Array>, limitBytes: number): Promise<void> {
  let left = limitBytes;
  try {
    while (left >= 0) {
      const { done, value } = await reader.read();
      if (done) return;
      left -= value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The other side went away mid-body: nobody is left to read the refusal either.
  }
}
