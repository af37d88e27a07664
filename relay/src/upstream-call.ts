// One call to a provider, taken whole: the relay has the last byte of the answer before it answers its caller,
// and one deadline covers the headers and the body (body.ts says why the answer is held, not streamed).
import { declaredLength, MAX_ANSWER_BYTES, readCappedBodyAsync, sendableBody, type BodyResult, type HeldBody } from './body';

export interface UpstreamRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: HeldBody | null;
}

export type UpstreamOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; readonly body: HeldBody }
  /** A 3xx, not followed: a redirect could lead anywhere, and the relay goes only to the hosts in its config. */
  | { readonly kind: 'redirect' }
  /** An answer over MAX_ANSWER_BYTES; nothing past the cap was read. */
  | { readonly kind: 'too-large' }
  /** No whole answer within the deadline. */
  | { readonly kind: 'timeout' }
  /** The provider could not be reached, or broke off its answer. */
  | { readonly kind: 'failed' }
  /** The caller left, which aborted the call. */
  | { readonly kind: 'caller-gone' };

/** Sends the request and reads the whole answer within timeoutMs; callerSignal (the caller leaving) aborts it too. */
export async function callUpstreamAsync(
  fetchUpstream: typeof fetch,
  request: UpstreamRequest,
  timeoutMs: number,
  callerSignal: AbortSignal,
): Promise<UpstreamOutcome> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const failure = (): UpstreamOutcome => ({ kind: callerSignal.aborted ? 'caller-gone' : deadline.aborted ? 'timeout' : 'failed' });
  const headers = new Headers(request.headers);
  if (request.body !== null) headers.set('content-length', String(request.body.byteLength));
  // Node's fetch needs duplex for a stream body; the DOM typings don't know it yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: request.method,
    headers,
    body: request.body === null ? null : sendableBody(request.body),
    duplex: 'half',
    redirect: 'manual',
    signal: AbortSignal.any([deadline, callerSignal]),
  };

  let answer: Response;
  try {
    answer = await fetchUpstream(request.url, init);
  } catch {
    return failure();
  }
  if (answer.status >= 300 && answer.status < 400) {
    await answer.body?.cancel();
    return { kind: 'redirect' };
  }
  const declared = declaredLength(answer.headers.get('content-length'));
  if (declared !== null && declared > MAX_ANSWER_BYTES) {
    await answer.body?.cancel();
    return { kind: 'too-large' };
  }
  let read: BodyResult;
  try {
    // Past the cap the answer is cancelled, not drained: that closes the upstream connection.
    read = await readCappedBodyAsync(answer.body, MAX_ANSWER_BYTES, 0);
  } catch {
    return failure();
  }
  return read.ok ? { kind: 'answer', status: answer.status, headers: answer.headers, body: read.body } : { kind: 'too-large' };
}
