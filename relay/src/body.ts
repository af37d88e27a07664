// Request bodies are read whole before anything goes upstream: a refused body costs the provider nothing,
// and the upstream gets an exact Content-Length instead of a chunked stream.
//
// A refused body is still read to its end (and dropped) before the refusal goes out, up to a limit: workerd
// resets a connection whose request body is left unread, and the reset destroys the answer (a 413, a 401)
// before the client reads it.

export type BodyResult = { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly ok: false };

/** How much of a refused body is read and dropped so the client can read the 413; past it, the connection goes. */
export const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/** The declared Content-Length in bytes, or null when absent or not a plain number. */
export function declaredLength(contentLength: string | null): number | null {
  const trimmed = contentLength?.trim() ?? '';
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The whole body, or not ok once more than maxBytes have arrived (nothing past the cap is kept). */
export async function readCappedBodyAsync(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  discardLimitBytes = MAX_DISCARDED_BYTES,
): Promise<BodyResult> {
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await discardRestAsync(reader, discardLimitBytes - total);
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
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
    // The caller went away mid-body: nobody is left to read the 413 either.
  }
}
