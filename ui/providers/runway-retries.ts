// When a failed Runway call is tried again, and after how long: the statuses and headers the official SDK honours,
// its backoff with jitter, and the pauses too long to wait out. No clock here: the caller passes in the time and
// the random source.
import { RETRY_AFTER_HEADER, RETRY_AFTER_MS_HEADER } from '../../core/relay-contract';
import { decimal } from './provider-text';
import { relayFailure } from './relay-errors';

/** Like the official SDK: a failed request is tried again at most twice. */
export const MAX_RETRIES = 2;
export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** The SDK takes up to a quarter off each backoff, so many clients failing together don't retry together. */
export const RETRY_JITTER = 0.25;
/**
 * A server asking for a longer pause than this (Runway's 429 is often a daily cap) is not waited out: the designer
 * is told when to try again instead of watching a spinner.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** True for the statuses the official SDK retries: 408, 409, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long the server asks to wait, from `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP
 * date, measured from `nowMs`); null when it says nothing usable.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, nowMs: number): number | null {
  const ms = decimal(headers.get(RETRY_AFTER_MS_HEADER)?.trim());
  if (ms !== null) return Math.ceil(ms);
  const after = headers.get(RETRY_AFTER_HEADER)?.trim();
  if (!after) return null;
  const seconds = decimal(after);
  if (seconds !== null) return Math.ceil(seconds * 1000);
  const at = Date.parse(after);
  if (Number.isNaN(at)) return null;
  // A date already past means "now".
  return Math.max(0, at - nowMs);
}

/** The SDK's backoff before retry number `retry` (0 for the first): 0.5 s × 2^retry, at most 8 s, less up to a quarter. */
export function backoffDelayMs(retry: number, random: () => number): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - RETRY_JITTER * random()));
}

/**
 * How long to wait before trying a failed answer again, or null not to: it is not retryable (by status, by the
 * `x-should-retry` header, or because the relay itself refused), `retriesDone` reached MAX_RETRIES, or the
 * server asks for a pause longer than MAX_RETRY_AFTER_MS.
 */
export function retryDelayMs(
  answer: { readonly status: number; readonly headers: { get(name: string): string | null } },
  retriesDone: number,
  random: () => number,
  nowMs: number,
): number | null {
  if (retriesDone >= MAX_RETRIES) return null;
  const relay = relayFailure(answer.headers);
  // The relay's own token, path and size refusals won't change on a second try; its upstream trouble may.
  if (relay !== null && relay.kind !== 'unreachable' && relay.kind !== 'timeout') return null;
  const should = answer.headers.get('x-should-retry')?.trim();
  if (should === 'false') return null;
  if (should !== 'true' && !isRetryableStatus(answer.status)) return null;
  const asked = retryAfterMs(answer.headers, nowMs);
  if (asked === null) return backoffDelayMs(retriesDone, random);
  return asked <= MAX_RETRY_AFTER_MS ? asked : null;
}
