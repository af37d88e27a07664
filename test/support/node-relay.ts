// The real relay (relay/src/app.ts) under Node on 127.0.0.1, for the provider tests: configured from an env
// as `npm run relay` would be, with a record of what callers sent it and of its log lines.
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig } from '../../relay/src/config';
import { startNodeRelayAsync } from '../../relay/src/serve-node';

export interface RelayCall {
  readonly method: string;
  /** The path the caller asked the relay for, with its query, e.g. "/segmind/v1/runway-gen4-image". */
  readonly path: string;
  readonly headers: Headers;
}

export interface TestRelay {
  /** Its base address, e.g. "http://127.0.0.1:41234" (no trailing slash). */
  readonly url: string;
  /** What callers sent, in arrival order, CORS preflights included. */
  readonly calls: RelayCall[];
  /** The relay's log lines. */
  readonly log: string[];
  closeAsync(): Promise<void>;
}

/** Starts the relay configured from `env` (its variables, e.g. SEGMIND_API_BASE) on a free port. */
export async function startTestRelayAsync(env: Readonly<Record<string, string>>, port = 0): Promise<TestRelay> {
  const read = readRelayConfig(env);
  if (!read.ok) throw new Error(`The relay's test config is invalid: ${read.problems.join('; ')}`);
  const calls: RelayCall[] = [];
  const log: string[] = [];
  const app = createRelayApp(read.config, { log: (line) => log.push(line) });
  const server = await startNodeRelayAsync(
    (request) => {
      const url = new URL(request.url);
      calls.push({ method: request.method, path: `${url.pathname}${url.search}`, headers: new Headers(request.headers) });
      return app.fetch(request);
    },
    { port, host: '127.0.0.1' },
  );
  return { url: server.url, calls, log, closeAsync: () => server.closeAsync() };
}
