import { describe, expect, it } from 'vitest';
import { RELAY_ERROR_HEADER } from '../../../core/relay-contract';
import { relayFailure } from '../../../ui/providers/relay-errors';

const headers = (values: Record<string, string>) => new Headers(values);

describe('relayFailure', () => {
  it('is null for an answer the provider gave (no relay error header)', () => {
    expect(relayFailure(headers({ 'content-type': 'application/json' }))).toBeNull();
    expect(relayFailure(headers({ [RELAY_ERROR_HEADER]: '  ' }))).toBeNull();
  });

  it.each([
    ['token', 'auth', /relay token/],
    ['path', 'bad-request', /Relay URL/],
    ['too-large', 'bad-request', /larger than the relay accepts/],
    ['upstream', 'unreachable', /could not reach the provider/],
    ['timeout', 'timeout', /in time/],
    ['misconfigured', 'server', /RELAY_TOKEN/],
    ['internal', 'server', /failed while handling/],
  ])('names the fix for the relay’s %s refusal', (code, kind, message) => {
    const failure = relayFailure(headers({ [RELAY_ERROR_HEADER]: code }));
    expect(failure?.kind).toBe(kind);
    expect(failure?.message).toMatch(message);
  });

  it('reports an unknown code as a relay refusal, cut short', () => {
    const failure = relayFailure(headers({ [RELAY_ERROR_HEADER]: 'x'.repeat(100) }));
    expect(failure).toEqual({ kind: 'server', message: `The relay refused the request (${'x'.repeat(40)}). Check the relay’s logs.` });
  });

  it.each(['constructor', 'toString', '__proto__'])('reports %s, a name every object has, as an unknown code', (code) => {
    expect(relayFailure(headers({ [RELAY_ERROR_HEADER]: code }))).toEqual({
      kind: 'server',
      message: `The relay refused the request (${code}). Check the relay’s logs.`,
    });
  });
});
