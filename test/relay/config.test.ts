import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RUNWAY_API_BASE,
  DEFAULT_RUNWAY_OUTPUT_BASE,
  DEFAULT_SEGMIND_API_BASE,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  describeRelay,
  isMisconfigured,
  readListenAddress,
  readRelayConfig,
  type RelayConfig,
} from '../../relay/src/config';

function configOf(env: Record<string, string | undefined>): RelayConfig {
  const result = readRelayConfig(env);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.config;
}

describe('readRelayConfig', () => {
  describe('defaults', () => {
    it('uses the real hosts, 20 MB and 120 s, and holds no key or token', () => {
      expect(configOf({})).toEqual({
        segmindApiKey: null,
        runwayApiKey: null,
        relayToken: null,
        segmindApiBase: 'https://api.segmind.com',
        runwayApiBase: 'https://api.dev.runwayml.com',
        runwayOutputBase: 'https://dnznrvs05pmza.cloudfront.net',
        maxBodyBytes: 20 * 1024 * 1024,
        upstreamTimeoutMs: 120_000,
      });
      expect([DEFAULT_SEGMIND_API_BASE, DEFAULT_RUNWAY_API_BASE, DEFAULT_RUNWAY_OUTPUT_BASE]).toEqual([
        'https://api.segmind.com',
        'https://api.dev.runwayml.com',
        'https://dnznrvs05pmza.cloudfront.net',
      ]);
      expect([DEFAULT_MAX_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS]).toEqual([20_971_520, 120_000]);
    });

    it('treats empty and blank variables as unset', () => {
      expect(configOf({ SEGMIND_API_KEY: '', RUNWAY_API_KEY: '  ', RELAY_TOKEN: '', SEGMIND_API_BASE: ' ', MAX_BODY_BYTES: '' })).toEqual(
        configOf({}),
      );
    });
  });

  describe('values', () => {
    it('reads keys, token, bases (trailing slashes dropped, a path kept) and limits', () => {
      const config = configOf({
        SEGMIND_API_KEY: 'sk-test-a',
        RUNWAY_API_KEY: 'key_test',
        RELAY_TOKEN: ' rt-test ',
        SEGMIND_API_BASE: 'http://127.0.0.1:9000/',
        RUNWAY_API_BASE: 'https://gateway.example/runway//',
        RUNWAY_OUTPUT_BASE: 'https://cdn.example',
        MAX_BODY_BYTES: '1000',
        UPSTREAM_TIMEOUT_MS: '1500',
      });
      expect(config).toEqual({
        segmindApiKey: 'sk-test-a',
        runwayApiKey: 'key_test',
        relayToken: 'rt-test',
        segmindApiBase: 'http://127.0.0.1:9000',
        runwayApiBase: 'https://gateway.example/runway',
        runwayOutputBase: 'https://cdn.example',
        maxBodyBytes: 1000,
        upstreamTimeoutMs: 1500,
      });
    });
  });

  describe('problems', () => {
    it.each([
      ['SEGMIND_API_BASE', 'api.segmind.com', /SEGMIND_API_BASE must be an http\(s\) URL/],
      ['RUNWAY_API_BASE', 'ftp://files.example', /RUNWAY_API_BASE must be an http\(s\) URL/],
      ['RUNWAY_OUTPUT_BASE', 'https://user:pw@cdn.example', /RUNWAY_OUTPUT_BASE must not carry a user name or password/],
      ['SEGMIND_API_BASE', 'https://api.example/?via=x', /must not carry a query or a fragment/],
      ['SEGMIND_API_BASE', 'https://api.example/#x', /must not carry a query or a fragment/],
      ['MAX_BODY_BYTES', '0', /MAX_BODY_BYTES must be a positive whole number/],
      ['MAX_BODY_BYTES', '20MB', /MAX_BODY_BYTES must be a positive whole number/],
      ['UPSTREAM_TIMEOUT_MS', '-5', /UPSTREAM_TIMEOUT_MS must be a positive whole number/],
      ['UPSTREAM_TIMEOUT_MS', '1.5', /UPSTREAM_TIMEOUT_MS must be a positive whole number/],
      ['UPSTREAM_TIMEOUT_MS', '99999999999999999999', /UPSTREAM_TIMEOUT_MS must be a positive whole number/],
    ])('%s=%s is refused, naming the variable but not echoing its value', (name, value, message) => {
      const result = readRelayConfig({ [name]: value });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toEqual([expect.stringMatching(message)]);
      expect(result.problems[0]).not.toContain(value);
    });

    it('reports every problem at once', () => {
      const result = readRelayConfig({ SEGMIND_API_BASE: 'x', RUNWAY_API_BASE: 'y', MAX_BODY_BYTES: 'z' });
      expect(result.ok ? [] : result.problems.map((problem) => problem.split(' ')[0])).toEqual([
        'SEGMIND_API_BASE',
        'RUNWAY_API_BASE',
        'MAX_BODY_BYTES',
      ]);
    });
  });
});

describe('isMisconfigured', () => {
  it.each([
    [{}, false],
    [{ RELAY_TOKEN: 't' }, false],
    [{ SEGMIND_API_KEY: 'k', RELAY_TOKEN: 't' }, false],
    [{ SEGMIND_API_KEY: 'k' }, true],
    [{ RUNWAY_API_KEY: 'k' }, true],
    [{ SEGMIND_API_KEY: 'k', RUNWAY_API_KEY: 'k', RELAY_TOKEN: ' ' }, true],
  ])('%j → %s', (env, expected) => {
    expect(isMisconfigured(configOf(env))).toBe(expected);
  });
});

describe('readListenAddress', () => {
  it('defaults to 127.0.0.1:8787', () => {
    expect(readListenAddress({})).toEqual({ ok: true, address: { port: 8787, host: '127.0.0.1' } });
  });

  it('reads PORT (0 picks a free port) and HOST', () => {
    expect(readListenAddress({ PORT: '0', HOST: '0.0.0.0' })).toEqual({ ok: true, address: { port: 0, host: '0.0.0.0' } });
    expect(readListenAddress({ PORT: '9000', HOST: '::1' })).toEqual({ ok: true, address: { port: 9000, host: '::1' } });
  });

  it.each([
    [{ PORT: '65536' }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: 'eighty' }, /PORT must be/],
    [{ PORT: '-1' }, /PORT must be/],
    [{ HOST: 'local host' }, /HOST must be a host name or an IP address/],
  ])('%j is refused', (env, message) => {
    const result = readListenAddress(env);
    expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(message)]);
  });
});

describe('describeRelay', () => {
  it('says where it forwards and that callers bring their own keys', () => {
    const lines = describeRelay(configOf({}));
    expect(lines[0]).toBe(
      'Forwards /segmind/* to https://api.segmind.com, /runway/* to https://api.dev.runwayml.com, /runway-output/* to https://dnznrvs05pmza.cloudfront.net',
    );
    expect(lines.slice(1)).toEqual(['Injects no provider key: callers send their own.']);
  });

  it('names the injected keys and the token rule, never their values', () => {
    const lines = describeRelay(
      configOf({ SEGMIND_API_KEY: 'sk-test-value', RUNWAY_API_KEY: 'key_test-value', RELAY_TOKEN: 'rt-test-value' }),
    );
    expect(lines.slice(1)).toEqual([
      'Injects SEGMIND_API_KEY and RUNWAY_API_KEY into the requests it forwards.',
      'Requires the RELAY_TOKEN value in an x-relay-token header on every request.',
    ]);
    expect(lines.join('\n')).not.toMatch(/test-value/);
  });

  it('warns that a key without a token makes it refuse everything', () => {
    const lines = describeRelay(configOf({ RUNWAY_API_KEY: 'key_test' }));
    expect(lines.slice(1)).toEqual([
      'Injects RUNWAY_API_KEY into the requests it forwards.',
      expect.stringMatching(/^RELAY_TOKEN is not set: the relay refuses every request \(500 misconfigured\)/),
    ]);
  });
});
