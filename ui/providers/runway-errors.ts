// What a failed Runway call means for the designer (CONTRACTS §2): the failure for an HTTP error answer (the relay's
// own refusal first, then Runway's, with what Runway said), or for a call that got no answer, and the wording
// helpers the other Runway modules use for what Runway says.
import { RETRY_AFTER_HEADER } from '../../core/relay-contract';
import type { GenerationFailure } from './provider';
import { clip, saidInBody, tidy, utcClock } from './provider-text';
import { isRetryableStatus, retryAfterMs } from './runway-retries';
import { relayFailure } from './relay-errors';

/** An HTTP answer as the classification needs it (a fetch Response fits after reading its body as text). */
export interface RunwayAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly text: string;
}

/** Which of the provider's calls an answer belongs to: the messages differ. */
export type RunwayCall = 'create' | 'poll' | 'download';

/** The failure for a non-2xx answer: the relay's own refusal first, then Runway's, with what Runway said. */
export function classifyRunwayHttpError(
  answer: RunwayAnswer,
  context: { readonly call: RunwayCall; readonly keySent: boolean; readonly attempts: number; readonly nowMs: number },
): GenerationFailure {
  const relay = relayFailure(answer.headers);
  if (relay !== null) return relay;
  const { status } = answer;
  // The output host's refusals (CloudFront's XML) say nothing a designer can use: only Runway's own are quoted.
  const said = context.call === 'download' ? null : errorText(answer);
  const code = said === null ? `HTTP ${status}` : `HTTP ${status}: "${said}"`;
  const tries = context.attempts > 1 ? ` The plugin tried ${context.attempts} times.` : '';
  if (context.call === 'download') return downloadFailure(status, code, tries);
  switch (status) {
    case 400:
      if (said !== null && /credit/i.test(said)) {
        return {
          kind: 'credits',
          message: `Not enough Runway credits for this image (${code}). Add credits in Runway’s developer portal, then generate again.`,
        };
      }
      return badRequest(
        said === null
          ? 'Runway refused the request (HTTP 400) without saying why. Check the prompt, tags, references and ratio.'
          : `Runway refused the request (${code}).`,
      );
    case 401:
      return {
        kind: 'auth',
        message: context.keySent
          ? `Runway refused the API key (${code}). Check the Runway key in Settings (it starts with key_), or, if the ` +
            'relay holds the team’s key, ask whoever runs it to check its RUNWAY_API_KEY.'
          : `Runway needs an API key and none was sent (${code}). Paste your Runway key in Settings, or ask whoever ` +
            'runs the relay to set its RUNWAY_API_KEY.',
      };
    case 403:
      return { kind: 'auth', message: `Runway refused access (${code}). Check the Runway key in Settings and your Runway account.` };
    case 404:
      return context.call === 'create'
        ? badRequest(
            `Nothing answers at the relay’s Runway address (${code}). Check that the Relay URL in Settings is the relay’s base address.`,
          )
        : {
            kind: 'gone',
            message: `Runway no longer has this task: it was deleted, or it was made with another Runway key (${code}). Generate again.`,
          };
    case 413:
      return badRequest(`The request was too large for Runway (${code}). Use fewer or smaller references.`);
    case 429:
      return rateLimited(answer, code, tries, context.nowMs);
    default:
      if (status >= 500 || isRetryableStatus(status)) {
        return { kind: 'server', message: `Runway is busy or unavailable right now (${code}).${tries} Try again in a few minutes.` };
      }
      return {
        kind: status >= 400 && status < 500 ? 'bad-request' : 'server',
        message: `Runway answered with an unexpected ${code}. Please report it.`,
      };
  }
}

function downloadFailure(status: number, code: string, tries: string): GenerationFailure {
  // 403 is CloudFront's answer to a signed link past its expiry, 404 or 410 to a file removed; the relay's own
  // refusals were told apart before this.
  if (status === 403 || status === 404 || status === 410) {
    return {
      kind: 'gone',
      message: `The image’s download link expired (Runway keeps images 24–48 hours), so it can no longer be fetched (${code}). Generate again.`,
    };
  }
  return {
    kind: 'server',
    message: `The image Runway made could not be downloaded (${code}).${tries} Check the relay and generate again.`,
  };
}

function rateLimited(answer: RunwayAnswer, code: string, tries: string, nowMs: number): GenerationFailure {
  const raw = answer.headers.get(RETRY_AFTER_HEADER)?.trim() || null;
  const waitMs = retryAfterMs(answer.headers, nowMs);
  const prefix = `Runway’s rate limit was reached (${code}).${tries}`;
  if (waitMs === null) {
    return { kind: 'rate-limited', message: `${prefix} Runway also caps generations per day; try again later.` };
  }
  const at = new Date(nowMs + waitMs);
  const when = waitMs < 120_000 ? `in ${Math.max(1, Math.ceil(waitMs / 1000))} seconds` : `after ${utcClock(at)}`;
  const message = `${prefix} Try again ${when}.`;
  return raw === null ? { kind: 'rate-limited', message } : { kind: 'rate-limited', message, resetAt: raw };
}

/** The failure when a call never got an answer (connection refused or dropped, blocked, or the call timed out). */
export function unreachableFailure(call: RunwayCall, detail: string): GenerationFailure {
  const why = detail === '' ? '' : ` (${clip(detail, 120)})`;
  switch (call) {
    case 'create':
      return {
        kind: 'unreachable',
        message:
          `The plugin could not reach the relay${why}. Runway is reachable from the plugin only through the relay: ` +
          'check the Relay URL in Settings and that the relay runs (`npm run relay`).',
      };
    case 'poll':
      return {
        kind: 'unreachable',
        message:
          `The connection to the relay was lost while Runway was making the image${why}. Check that the relay runs ` +
          '(`npm run relay`) and generate again.',
      };
    case 'download':
      return {
        kind: 'unreachable',
        message: `The image is ready, but downloading it through the relay failed${why}. Check that the relay runs and generate again.`,
      };
  }
}

/** What Runway (or what stands before it) said in an error body. */
function errorText(answer: RunwayAnswer): string | null {
  return saidInBody(answer.text, answer.headers.get('content-type')).said;
}

/** ` ("what Runway said")` for a body worth quoting, else nothing. */
export function quoteBody(text: string): string {
  const said = text.trim() === '' ? null : tidy(text, 80);
  return said === null ? '' : ` ("${said}")`;
}

/** A refusal of the request as it was made: sending it again as it is would not help. */
export function badRequest(message: string): GenerationFailure {
  return { kind: 'bad-request', message };
}
