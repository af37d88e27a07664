// The relay (relay/) marks the refusals it makes itself with an `x-relay-error` header, so the panel can
// tell "the relay said no" from "the provider said no" and name the right fix.
import { isRelayErrorCode, RELAY_ERROR_HEADER, type RelayErrorCode } from '../../core/relay-contract';
import type { GenerationFailure } from './provider';

const MESSAGES: Readonly<Record<RelayErrorCode, GenerationFailure>> = {
  token: {
    kind: 'auth',
    message: 'The relay refused the request: its token is missing or wrong. Paste the team’s relay token in Settings.',
  },
  path: {
    kind: 'bad-request',
    message: 'The relay does not forward this request. Check that the Relay URL in Settings is the relay’s base address.',
  },
  'too-large': {
    kind: 'bad-request',
    message: 'The request is larger than the relay accepts. Use fewer or smaller references and try again.',
  },
  upstream: {
    kind: 'unreachable',
    message: 'The relay could not reach the provider. Try again in a moment; if it persists, check the relay’s network.',
  },
  timeout: {
    kind: 'timeout',
    message: 'The provider did not answer the relay in time. Try again in a moment.',
  },
  misconfigured: {
    kind: 'server',
    message:
      'The relay is misconfigured (e.g. it holds a provider key but no RELAY_TOKEN, or a setting is invalid). ' +
      'Ask whoever runs it to check its settings and logs.',
  },
  internal: {
    kind: 'server',
    message: 'The relay failed while handling the request. Try again; if it persists, ask whoever runs it to check its logs.',
  },
};

/** The failure for an answer the relay itself refused, or null when the answer came from the provider. */
export function relayFailure(headers: { get(name: string): string | null }): GenerationFailure | null {
  const code = headers.get(RELAY_ERROR_HEADER)?.trim();
  if (!code) return null;
  if (isRelayErrorCode(code)) return MESSAGES[code];
  return { kind: 'server', message: `The relay refused the request (${code.slice(0, 40)}). Check the relay’s logs.` };
}
