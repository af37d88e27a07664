// workerd writes the Worker's console to a pipe, so a log line can arrive just after the answer does.
import type { RunningRelay } from './runtimes';
import { untilAsync } from './until';

/** The relay's log lines once one of them satisfies the predicate (or, past a generous limit, as they are). */
export async function logLinesOnceAsync(relay: RunningRelay, predicate: (line: string) => boolean): Promise<readonly string[]> {
  await untilAsync(() => relay.logLines().some(predicate));
  return relay.logLines();
}
