import { describe, expect, it } from 'vitest';
import { RELAY_ERROR_HEADER } from '../../../core/relay-contract';
import {
  INITIAL_RETRY_DELAY_MS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  MAX_RETRY_DELAY_MS,
  backoffDelayMs,
  isRetryableStatus,
  retryAfterMs,
  retryDelayMs,
} from '../../../ui/providers/runway-retries';
import { seededRandom } from '../../support/seeded-random';
import { NOW, constant, headers } from './runway-fixtures';

describe('retries', () => {
  it('retries what the SDK retries', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 405, 413, 422]) expect(isRetryableStatus(status), String(status)).toBe(false);
  });

  it('backs off 0.5 s × 2^n, capped at 8 s, less up to a quarter of jitter', () => {
    expect(backoffDelayMs(0, constant(0))).toBe(INITIAL_RETRY_DELAY_MS);
    expect(backoffDelayMs(1, constant(0))).toBe(1000);
    expect(backoffDelayMs(4, constant(0))).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffDelayMs(9, constant(0))).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffDelayMs(0, constant(0.5))).toBe(438);
    const random = seededRandom(7);
    for (let retry = 0; retry < 8; retry += 1) {
      const full = Math.min(500 * 2 ** retry, 8000);
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelayMs(retry, random);
        expect(delay, `retry ${retry}`).toBeGreaterThanOrEqual(full * 0.75);
        expect(delay, `retry ${retry}`).toBeLessThanOrEqual(full);
      }
    }
  });

  it('reads retry-after-ms, Retry-After in seconds and as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1234' }), NOW)).toBe(1234);
    expect(retryAfterMs(headers({ 'retry-after-ms': '12.2', 'retry-after': '99' }), NOW)).toBe(13);
    expect(retryAfterMs(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }), NOW)).toBe(1500);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW + 7000).toUTCString() }), NOW)).toBe(7000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW - 7000).toUTCString() }), NOW)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
    expect(retryAfterMs(headers({ 'retry-after-ms': '-5' }), NOW)).toBeNull();
    expect(retryAfterMs(headers(), NOW)).toBeNull();
  });

  it('plans at most two retries, honouring the server’s pause', () => {
    const busy = { status: 503, headers: headers() };
    expect(retryDelayMs(busy, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs(busy, 1, constant(0), NOW)).toBe(1000);
    expect(retryDelayMs(busy, MAX_RETRIES, constant(0), NOW)).toBeNull();
    expect(MAX_RETRIES).toBe(2);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '2' }) }, 0, constant(0.9), NOW)).toBe(2000);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after-ms': '750' }) }, 1, constant(0.9), NOW)).toBe(750);
  });

  it('does not wait out a pause longer than a minute (a daily cap)', () => {
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000) }) }, 0, constant(0), NOW)).toBe(
      MAX_RETRY_AFTER_MS,
    );
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '3600' }) }, 0, constant(0), NOW)).toBeNull();
  });

  it('never retries what won’t change: 400, 401, 404, 405, the relay’s own refusals, x-should-retry: false', () => {
    for (const status of [400, 401, 404, 405]) expect(retryDelayMs({ status, headers: headers() }, 0, constant(0), NOW)).toBeNull();
    expect(retryDelayMs({ status: 503, headers: headers({ [RELAY_ERROR_HEADER]: 'misconfigured' }) }, 0, constant(0), NOW)).toBeNull();
    expect(retryDelayMs({ status: 503, headers: headers({ 'x-should-retry': 'false' }) }, 0, constant(0), NOW)).toBeNull();
  });

  it('retries the relay’s upstream trouble and what x-should-retry: true asks for', () => {
    expect(retryDelayMs({ status: 502, headers: headers({ [RELAY_ERROR_HEADER]: 'upstream' }) }, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs({ status: 504, headers: headers({ [RELAY_ERROR_HEADER]: 'timeout' }) }, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs({ status: 400, headers: headers({ 'x-should-retry': 'true' }) }, 0, constant(0), NOW)).toBe(500);
  });
});
