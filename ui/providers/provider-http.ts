// The plumbing both providers share around fetch, so neither imports the other: the fetch they call, a
// request's deadline (the caller's cancel or a time limit) and the outcomes it ends in, secrets kept out of
// messages (core/secrets), and durations as text.
import { hideSecrets } from '../../core/secrets';
import type { GenerationFailure, GenerationOutcome } from './provider';

/** The fetch signature the providers need; the browser's fetch by default. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The browser's fetch, called as a plain function: Chromium throws "Illegal invocation" when fetch runs with another `this`. */
export const browserFetch: FetchLike = (url, init) => fetch(url, init);

/** setTimeout fires at once for delays beyond a signed 32-bit number of milliseconds. */
export const MAX_TIMER_MS = 2_147_483_647;

/** `timeoutMs` capped at MAX_TIMER_MS, or `fallbackMs` when it is missing, zero, negative or NaN (which would end every request at once). */
export function usableTimeout(timeoutMs: number | undefined, fallbackMs: number): number {
  if (timeoutMs === undefined || !(timeoutMs > 0)) return fallbackMs;
  return Math.min(timeoutMs, MAX_TIMER_MS);
}

/** Why a request ended before its answer: the caller cancelled, or its time ran out. */
export type Ending = 'cancelled' | 'timeout';

/** A request's deadline: its signal, and why it ended early. */
export interface Deadline {
  /** Aborted the moment the caller cancels or the time is up. */
  readonly signal: AbortSignal;
  /** Why the request ended early (the first reason wins), or null while it may go on. */
  ending(): Ending | null;
  /** Stops the timer and stops listening to the caller; call once the request is over. */
  dispose(): void;
}

/**
 * Ends a request when `caller` aborts (at once when it already has: an aborted signal fires no event) or after
 * `timeoutMs`, whichever comes first; `onEnd` hears which, once.
 */
export function startDeadline(caller: AbortSignal | undefined, timeoutMs: number, onEnd?: (ending: Ending) => void): Deadline {
  const controller = new AbortController();
  let ending: Ending | null = null;
  const end = (why: Ending): void => {
    if (ending !== null) return;
    ending = why;
    controller.abort();
    onEnd?.(why);
  };
  const onCallerAbort = (): void => end('cancelled');
  if (caller?.aborted) end('cancelled');
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => end('timeout'), timeoutMs);
  return {
    signal: controller.signal,
    ending: () => ending,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** The failure of a generation the designer cancelled. */
export function cancelled(): GenerationFailure {
  return { kind: 'cancelled', message: 'Generation cancelled.' };
}

/** `failure` as an outcome. */
export function failed(failure: GenerationFailure): GenerationOutcome {
  return { ok: false, failure };
}

/**
 * `outcome` with every occurrence of each secret (a key, the relay token) in its failure replaced by REDACTED, so
 * a provider echoing one can't leak it. Blank and missing secrets are skipped; an outcome with nothing to hide is
 * returned as it is.
 */
export function redactSecrets(outcome: GenerationOutcome, secrets: readonly (string | null | undefined)[]): GenerationOutcome {
  if (outcome.ok) return outcome;
  const { failure } = outcome;
  const message = hideSecrets(failure.message, secrets);
  const resetAt = failure.resetAt === undefined ? undefined : hideSecrets(failure.resetAt, secrets);
  if (message === failure.message && resetAt === failure.resetAt) return outcome;
  return failed(resetAt === undefined ? { ...failure, message } : { ...failure, message, resetAt });
}

/** "3 minutes", "1.5 minutes", "45 seconds", "1.2 seconds", "200 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 6_000) / 10;
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
