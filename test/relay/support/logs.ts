// workerd writes the Worker's console to a pipe, so a log line can arrive just after the answer does.
import type { RunningRelay } from './runtimes';

const LOG_WAIT_LIMIT_MS = 10_000;
const LOG_POLL_MS = 20;

/** The relay's log lines once one of them satisfies the predicate (or, past a generous limit, as they are). */
export async function logLinesOnceAsync(relay: RunningRelay, predicate: (line: string) => boolean): Promise<readonly string[]> {
  const deadline = Date.now() + LOG_WAIT_LIMIT_MS;
  while (!relay.logLines().some(predicate) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
  }
  return relay.logLines();
}
