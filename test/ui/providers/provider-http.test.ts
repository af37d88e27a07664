import { describe, expect, it } from 'vitest';
import type { GenerationFailure, GenerationOutcome } from '../../../ui/providers/provider';
import { formatDuration, MAX_TIMER_MS, redactSecrets, startDeadline, usableTimeout } from '../../../ui/providers/provider-http';
import { KEY, TOKEN } from './runway-fixtures';

describe('redactSecrets', () => {
  it('hides the key and the relay token wherever a message holds them', () => {
    const outcome: GenerationOutcome = {
      ok: false,
      failure: { kind: 'auth', message: `Key ${KEY} with token ${TOKEN}; again ${KEY}` },
    };
    const redacted = redactSecrets(outcome, [KEY, TOKEN]);
    const failure = (redacted as { failure: GenerationFailure }).failure;
    expect(failure.message).toBe('Key [key hidden] with token [key hidden]; again [key hidden]');
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).not.toContain(TOKEN);
  });

  it('leaves successes and secret-free messages alone, and skips missing secrets', () => {
    const ok: GenerationOutcome = { ok: true, image: { bytes: new Uint8Array([1]), creditsLeft: null, seed: '1', cost: 8 } };
    expect(redactSecrets(ok, [KEY])).toBe(ok);
    const plain: GenerationOutcome = { ok: false, failure: { kind: 'server', message: 'busy' } };
    expect(redactSecrets(plain, [KEY, undefined, ''])).toBe(plain);
  });
});

describe('formatDuration', () => {
  it.each([
    [180_000, '3 minutes'],
    [60_000, '1 minute'],
    [90_000, '1.5 minutes'],
    [45_000, '45 seconds'],
    [1_000, '1 second'],
    [1_250, '1.3 seconds'],
    [300, '300 ms'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('usableTimeout', () => {
  it('keeps a usable limit, caps it at what a timer can wait, and falls back for the rest', () => {
    expect(usableTimeout(300, 1_000)).toBe(300);
    expect(usableTimeout(Number.MAX_SAFE_INTEGER, 1_000)).toBe(MAX_TIMER_MS);
    for (const timeoutMs of [undefined, 0, -5, Number.NaN]) expect(usableTimeout(timeoutMs, 1_000)).toBe(1_000);
  });
});

describe('startDeadline', () => {
  it('ends at once, as cancelled, for a signal already aborted', () => {
    const heard: string[] = [];
    const deadline = startDeadline(AbortSignal.abort(), 60_000, (ending) => heard.push(ending));
    expect(deadline.ending()).toBe('cancelled');
    expect(deadline.signal.aborted).toBe(true);
    expect(heard).toEqual(['cancelled']);
    deadline.dispose();
  });

  it('ends as cancelled when the caller aborts, and only once', async () => {
    const caller = new AbortController();
    const heard: string[] = [];
    const deadline = startDeadline(caller.signal, 20, (ending) => heard.push(ending));
    expect(deadline.ending()).toBeNull();
    caller.abort();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(deadline.ending()).toBe('cancelled');
    expect(heard).toEqual(['cancelled']);
    deadline.dispose();
  });

  it('ends as a timeout when the time is up, and not after dispose', async () => {
    const timed = startDeadline(undefined, 10);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(timed.ending()).toBe('timeout');
    expect(timed.signal.aborted).toBe(true);
    timed.dispose();
    const caller = new AbortController();
    const disposed = startDeadline(caller.signal, 10);
    disposed.dispose();
    caller.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(disposed.ending()).toBeNull();
  });
});
