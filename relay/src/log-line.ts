// The relay's log: one line per request, with its method, path (never the query string, where output URLs carry
// their signatures), what became of it, and how long it took. Never a key, token, header or body.

/** What the log says of a request whose caller left before its answer: no status ever reached anyone. */
export const CLIENT_CLOSED = 'client-closed';

/** Log lines keep at most this much of a path: unknown paths can be anything a caller sent. */
const MAX_LOGGED_PATH_CHARS = 200;

/** One request's line, e.g. `POST /segmind/v1/runway-gen4-image 200 31204ms`. */
export function requestLogLine(method: string, target: string, outcome: string, durationMs: number): string {
  const path = target.split('?', 1)[0] ?? '';
  return `${method} ${path.slice(0, MAX_LOGGED_PATH_CHARS)} ${outcome} ${durationMs}ms`;
}

/** The line for a request Node's HTTP server refused before it could be read: no method, path or start time. */
export function unreadRequestLogLine(outcome: string): string {
  return `- - ${outcome}`;
}
