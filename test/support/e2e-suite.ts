// The hooks every end-to-end file shares, so each file states only what is its own.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startE2EAsync, type E2E } from './e2e';

/**
 * One browser, host and stand-in for the file, with the key saved once (clientStorage keeps it across the page
 * reloads between tests); after every test the host must have seen no sandbox error and no refused message.
 * `onStart` receives the harness when it is up.
 */
export function shareE2EWithSavedKey(onStart: (e2e: E2E) => void): void {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2EAsync();
    onStart(e2e);
    await e2e.resetAsync();
    await e2e.openPluginAsync();
    await e2e.saveKeyAsync();
  });
  afterEach(async () => {
    expect(await e2e?.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
  });
  afterAll(async () => {
    await e2e?.close();
  });
}
