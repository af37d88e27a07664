// Waits for something another process does (a log line, a closed connection) without guessing how long it takes.
const WAIT_LIMIT_MS = 10_000;
const POLL_MS = 20;

/** True once the check holds; false if it still fails after a generous limit (so the test fails, not hangs). */
export async function untilAsync(check: () => boolean): Promise<boolean> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}
