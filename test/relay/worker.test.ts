// What only the Worker entry does: read its settings from the Worker's bindings, and refuse to forward when
// they are invalid (a Worker cannot refuse to start, so it answers every request with the problem).
import { describe, expect, it } from 'vitest';
import type { RelayErrorCode } from '../../core/relay-contract';
import { relayFailure } from '../../ui/providers/relay-errors';
import { rawRequestAsync } from './support/raw-http';
import { workerdRuntime } from './support/runtimes';
import { logLinesOnceAsync } from './support/logs';

describe('the Worker (workerd)', () => {
  it('answers 500 misconfigured, naming the bad variables but not their values, when its settings are invalid', async () => {
    const relay = await workerdRuntime.startAsync({ RUNWAY_API_BASE: 'ftp://secret-looking-host', UPSTREAM_TIMEOUT_MS: 'soon' });
    try {
      const response = await rawRequestAsync(relay.url, { method: 'GET', path: '/runway/v1/tasks/abc' });
      expect(response.status).toBe(500);
      expect(response.headers['x-relay-error']).toBe('misconfigured');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const { error } = response.json() as { error: string };
      expect(error).toMatch(/RUNWAY_API_BASE must be an http\(s\) URL/);
      expect(error).toMatch(/UPSTREAM_TIMEOUT_MS must be a positive whole number/);
      expect(error).not.toContain('secret-looking-host');
      const lines = await logLinesOnceAsync(relay, (line) => line.startsWith('relay misconfigured:'));
      expect(lines).toContainEqual(expect.stringMatching(/^relay misconfigured: RUNWAY_API_BASE must be/));
      expect(lines.join('\n')).not.toContain('secret-looking-host');
    } finally {
      await relay.closeAsync();
    }
  });
});

describe('the plugin’s reading of the relay’s error codes', () => {
  // Every code the relay sends, but for a bug of its own ('internal'), gets its own message in the plugin;
  // `satisfies` makes a new code in the relay fail the typecheck here until it is listed.
  const CODES = { token: true, path: true, 'too-large': true, upstream: true, timeout: true, misconfigured: true } satisfies Record<
    Exclude<RelayErrorCode, 'internal'>,
    true
  >;

  it.each(Object.keys(CODES))('%s has a specific message', (code) => {
    const failure = relayFailure(new Headers({ 'x-relay-error': code }));
    expect(failure?.message).not.toMatch(/The relay refused the request \(/);
  });
});
