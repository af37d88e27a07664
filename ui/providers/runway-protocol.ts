// Runway's developer API (CONTRACTS §2) as pure data: the models and their prices, the requests to send through
// the relay, what a task's state means, which failures to retry and how long to wait first. No fetch and no clock
// here (runway.ts has those, and passes in the time and the random source), so every status, failure code and
// header form is unit-tested without a network.
import { MAX_PROMPT_LENGTH } from '../../core/prompt';
import { RUNWAY_RATIOS, findRatio, isRunway1080pTier } from '../../core/ratios';
import { sameTag, tagProblem } from '../../core/tags';
import type { GenerationFailure, GenerationOutcome, GenerationProgress, GenerationRequest, ModelCapabilities } from './provider';
import { RELAY_TOKEN_HEADER, relayFailure } from './relay-errors';
import { asRecord, clip, decimal, flatten, parseJson, trimSlashes, utcClock } from './provider-text';
import { redactSecret } from './segmind-protocol';

export const RUNWAY_API_VERSION = '2024-11-06';
/** The only host Runway serves generated images from; an output anywhere else is refused, never fetched. */
export const RUNWAY_OUTPUT_ORIGIN = 'https://dnznrvs05pmza.cloudfront.net';
export const GEN4_IMAGE = 'gen4_image';
export const GEN4_IMAGE_TURBO = 'gen4_image_turbo';
/** Seeds are kept within a signed 32-bit integer (CONTRACTS §2). */
export const MAX_RUNWAY_SEED = 2_147_483_647;
export const MAX_RUNWAY_REFERENCES = 3;
export const GEN4_IMAGE_1080P_CREDITS = 8;
export const GEN4_IMAGE_720P_CREDITS = 5;
export const GEN4_IMAGE_TURBO_CREDITS = 2;
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
/** Provider messages are cut to this many characters, so an HTML page or a stack trace can't flood the panel. */
export const MAX_RUNWAY_MESSAGE_CHARS = 240;

/** The 720p-tier ratios, for pricing: an unknown ratio has no price. */
const RUNWAY_720P_VALUES = new Set(RUNWAY_RATIOS.filter((option) => !isRunway1080pTier(option.value)).map((o) => o.value));

/** Runway's gen4_image: 0–3 references, 8 credits at 1080p, 5 at 720p. */
export const GEN4_IMAGE_MODEL: ModelCapabilities = {
  id: GEN4_IMAGE,
  label: 'Gen-4 Image',
  ratios: RUNWAY_RATIOS,
  defaultRatio: '1920:1080',
  minReferences: 0,
  maxReferences: MAX_RUNWAY_REFERENCES,
  supportsSeed: true,
  estimateCredits: (ratio) =>
    isRunway1080pTier(ratio) ? GEN4_IMAGE_1080P_CREDITS : RUNWAY_720P_VALUES.has(ratio) ? GEN4_IMAGE_720P_CREDITS : null,
};

/** Runway's gen4_image_turbo: 1–3 references required, 2 credits at any ratio. */
export const GEN4_IMAGE_TURBO_MODEL: ModelCapabilities = {
  id: GEN4_IMAGE_TURBO,
  label: 'Gen-4 Image Turbo',
  ratios: RUNWAY_RATIOS,
  defaultRatio: '1920:1080',
  minReferences: 1,
  maxReferences: MAX_RUNWAY_REFERENCES,
  supportsSeed: true,
  estimateCredits: (ratio) => (findRatio(RUNWAY_RATIOS, ratio) ? GEN4_IMAGE_TURBO_CREDITS : null),
};

/** Both models, the default first. */
export const RUNWAY_MODELS: readonly ModelCapabilities[] = [GEN4_IMAGE_MODEL, GEN4_IMAGE_TURBO_MODEL];

/** Who is asking: the designer's Runway key (empty when the relay injects its own) and the relay's token. */
export interface RunwayCredentials {
  readonly apiKey: string;
  readonly relayToken?: string;
}

/** A ready-to-send fetch call. */
export interface RunwayHttpRequest {
  readonly url: string;
  readonly init: {
    readonly method: 'POST' | 'GET' | 'DELETE';
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
}

/** The JSON body of POST /v1/text_to_image. */
export interface RunwayCreateBody {
  readonly model: string;
  readonly promptText: string;
  readonly ratio: string;
  readonly referenceImages?: readonly { readonly uri: string; readonly tag: string }[];
  readonly seed: number;
}

/** An HTTP answer as the classification needs it (a fetch Response fits after reading its body as text). */
export interface RunwayAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly text: string;
}

/** Which of the provider's calls an answer belongs to: the messages differ. */
export type RunwayCall = 'create' | 'poll' | 'download';

/** The relay's Runway mirror and output mirror for a relay's base address ("http://127.0.0.1:8787"). */
export function runwayBasesForRelay(relayUrl: string): { readonly baseUrl: string; readonly outputBase: string } {
  const relay = trimSlashes(relayUrl.trim());
  return { baseUrl: `${relay}/runway`, outputBase: `${relay}/runway-output` };
}

/** Why the relay's addresses can't be used, or null: Runway is reachable only through the relay, so they must be set. */
export function runwayEndpointProblem(baseUrl: string, outputBase: string): GenerationFailure | null {
  for (const address of [baseUrl.trim(), outputBase.trim()]) {
    if (address === '') {
      return {
        kind: 'unreachable',
        message:
          'Runway is reachable from the plugin only through a relay, and no Relay URL is set. Start one with ' +
          '`npm run relay` and paste its address as the Relay URL in Settings.',
      };
    }
    if (!/^https?:\/\/[^\s/?#]+/i.test(address)) {
      return {
        kind: 'unreachable',
        message: `The Relay URL "${clip(address, 60)}" is not an http:// or https:// address. Fix it in Settings.`,
      };
    }
  }
  return null;
}

/** The model `id`, or null when Runway has no such model. */
export function runwayModel(id: string): ModelCapabilities | null {
  return RUNWAY_MODELS.find((model) => model.id === id) ?? null;
}

/** Why `request` can't be sent to Runway, or null when it can; checked before any request, so no credits are spent. */
export function runwayRequestProblem(request: GenerationRequest): GenerationFailure | null {
  const model = runwayModel(request.model);
  if (model === null) {
    return badRequest(`Runway has no model "${clip(request.model, 40)}". Choose Gen-4 Image or Gen-4 Image Turbo in the panel.`);
  }
  const count = request.references.length;
  if (count < model.minReferences) {
    return badRequest(
      `${model.label} needs 1 to ${model.maxReferences} references, and none is selected. Select at least one layer ` +
        'to use as a reference, or switch to Gen-4 Image, which can work from the prompt alone.',
    );
  }
  if (count > model.maxReferences) {
    return badRequest(`Runway takes at most ${model.maxReferences} references, and ${count} are selected. Deselect ${count - model.maxReferences}.`);
  }
  if (findRatio(model.ratios, request.ratio) === null) {
    return badRequest(`${model.label} has no ratio "${clip(request.ratio, 20)}". Pick one of the sizes the panel lists.`);
  }
  if (request.prompt.trim() === '') return badRequest('Write a prompt first: Runway needs 1 to 1000 characters.');
  if (request.prompt.length > MAX_PROMPT_LENGTH) {
    return badRequest(`The prompt has ${request.prompt.length} characters; Runway takes at most ${MAX_PROMPT_LENGTH}. Shorten it.`);
  }
  for (const [index, { tag }] of request.references.entries()) {
    const problem = tagProblem(tag);
    if (problem) return badRequest(`The tag "${clip(tag, 20)}" of reference ${index + 1} can't be sent: ${problem}`);
    if (request.references.findIndex((other) => sameTag(other.tag, tag)) < index) {
      return badRequest(`Two references are tagged "${tag}"; Runway needs each tag to be unique. Rename one.`);
    }
  }
  if (request.seed !== undefined && !isRunwaySeed(request.seed)) {
    return badRequest(`The seed must be a whole number from 0 to ${MAX_RUNWAY_SEED}; ${String(request.seed)} is not.`);
  }
  return null;
}

/** True for a seed Runway takes: a whole number in 0–MAX_RUNWAY_SEED. */
export function isRunwaySeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_RUNWAY_SEED;
}

/** A seed drawn from `random` (floats in [0, 1)), uniform over 0–MAX_RUNWAY_SEED. */
export function randomSeed(random: () => number): number {
  return Math.min(MAX_RUNWAY_SEED, Math.max(0, Math.floor(random() * (MAX_RUNWAY_SEED + 1))));
}

/** Why a credential can't be sent, or null: fetch refuses a header holding a space, a line break or a non-Latin letter. */
export function runwayCredentialsProblem(credentials: RunwayCredentials): GenerationFailure | null {
  const carries = (value: string): boolean => /^[\x21-\x7e]*$/.test(value.trim());
  if (!carries(credentials.apiKey)) {
    return {
      kind: 'auth',
      message:
        'The saved Runway key contains characters a request header cannot carry (a space, a line break or a ' +
        'non-Latin letter). Open Settings and paste the key again.',
    };
  }
  if (credentials.relayToken !== undefined && !carries(credentials.relayToken)) {
    return {
      kind: 'auth',
      message: 'The saved relay token contains characters a request header cannot carry. Open Settings and paste it again.',
    };
  }
  return null;
}

/** The headers of a call to Runway's API: the Bearer key only when there is one (the relay may inject its own). */
export function runwayHeaders(credentials: RunwayCredentials, withJsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const key = credentials.apiKey.trim();
  if (key !== '') headers.Authorization = `Bearer ${key}`;
  headers['X-Runway-Version'] = RUNWAY_API_VERSION;
  if (withJsonBody) headers['Content-Type'] = 'application/json';
  const token = credentials.relayToken?.trim() ?? '';
  if (token !== '') headers[RELAY_TOKEN_HEADER] = token;
  return headers;
}

/** The POST that creates a text_to_image task. */
export function buildCreateTaskRequest(
  baseUrl: string,
  request: GenerationRequest,
  seed: number,
  credentials: RunwayCredentials,
): RunwayHttpRequest {
  const body: RunwayCreateBody = {
    model: request.model,
    promptText: request.prompt,
    ratio: request.ratio,
    // Left out rather than sent empty: the field is optional for gen4_image, and an empty array adds nothing.
    ...(request.references.length > 0
      ? { referenceImages: request.references.map((reference) => ({ uri: reference.uri, tag: reference.tag })) }
      : {}),
    seed,
  };
  return {
    url: `${trimSlashes(baseUrl)}/v1/text_to_image`,
    init: { method: 'POST', headers: runwayHeaders(credentials, true), body: JSON.stringify(body) },
  };
}

/** GET (poll) or DELETE (cancel) one task. */
export function buildTaskRequest(
  baseUrl: string,
  taskId: string,
  method: 'GET' | 'DELETE',
  credentials: RunwayCredentials,
): RunwayHttpRequest {
  return {
    url: `${trimSlashes(baseUrl)}/v1/tasks/${encodeURIComponent(taskId)}`,
    init: { method, headers: runwayHeaders(credentials, false) },
  };
}

/** The download of an output through the relay: only the relay's token, never the Runway key (a CDN needs none). */
export function buildOutputRequest(downloadUrl: string, credentials: RunwayCredentials): RunwayHttpRequest {
  const token = credentials.relayToken?.trim() ?? '';
  return { url: downloadUrl, init: { method: 'GET', headers: token === '' ? {} : { [RELAY_TOKEN_HEADER]: token } } };
}

/**
 * Where to download Runway's output `raw` from: the same path and query under `outputBase` (the relay's output
 * mirror). Null for anything that is not an https URL on RUNWAY_OUTPUT_ORIGIN, so the plugin never fetches a
 * host an answer names.
 */
export function rewriteOutputUrl(raw: unknown, outputBase: string): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== RUNWAY_OUTPUT_ORIGIN || url.username !== '' || url.password !== '') return null;
  return `${trimSlashes(outputBase)}${url.pathname}${url.search}`;
}

/** A task as the create answer describes it. */
export interface CreatedTask {
  readonly id: string;
  /** `estimatedCost.credits`, when Runway sent it. */
  readonly estimatedCredits: number | null;
}

/** The task id and estimated cost from a create answer's body, or a failure when the body is not one. */
export function parseCreatedTask(text: string): { readonly ok: true; readonly task: CreatedTask } | { readonly ok: false; readonly failure: GenerationFailure } {
  const json = parseJson(text);
  const record = asRecord(json);
  const id = record?.id;
  if (typeof id !== 'string' || id.trim() === '') {
    return {
      ok: false,
      failure: { kind: 'server', message: `Runway accepted the request but its answer names no task${quoteBody(text)}. Try again.` },
    };
  }
  const credits = asRecord(record?.estimatedCost)?.credits;
  const estimatedCredits = typeof credits === 'number' && Number.isFinite(credits) && credits >= 0 ? credits : null;
  return { ok: true, task: { id, estimatedCredits } };
}

/** What a task's state means for the plugin. */
export type TaskReading =
  | { readonly state: 'waiting'; readonly progress: GenerationProgress }
  | { readonly state: 'succeeded'; readonly downloadUrl: string }
  | { readonly state: 'failed'; readonly failure: GenerationFailure; readonly retryOnce: boolean };

export interface TaskContext {
  /** The relay's output mirror, where the image is downloaded from. */
  readonly outputBase: string;
  /** The request's reference tags, in order, to name a reference Runway could not use. */
  readonly tags: readonly string[];
  /** 1 for the first task of a generation, 2 when an internal failure is being retried. */
  readonly attempt: number;
}

/** Reads a GET /v1/tasks/{id} body: still waiting (with progress), succeeded (where to download), or failed. */
export function readTask(text: string, context: TaskContext): TaskReading {
  const record = asRecord(parseJson(text));
  const status = record?.status;
  switch (status) {
    case 'PENDING':
    case 'THROTTLED':
      // THROTTLED: over the organisation's concurrency. Queued, not refused, so the designer sees "queued".
      return { state: 'waiting', progress: { phase: 'queued' } };
    case 'RUNNING': {
      const progress = record?.progress;
      return {
        state: 'waiting',
        progress:
          typeof progress === 'number' && Number.isFinite(progress)
            ? { phase: 'running', fraction: Math.min(1, Math.max(0, progress)) }
            : { phase: 'running' },
      };
    }
    case 'SUCCEEDED':
      return readSuccess(record?.output, context.outputBase);
    case 'FAILED': {
      const code = typeof record?.failureCode === 'string' && record.failureCode.trim() !== '' ? record.failureCode.trim() : null;
      const said = typeof record?.failure === 'string' ? record.failure : null;
      return { state: 'failed', ...taskFailure(code, said, context) };
    }
    case 'CANCELLED':
      // Not 'cancelled', which is the designer's own Cancel in this panel: this task was ended elsewhere (Runway's
      // DELETE both cancels a running task and deletes a finished one), so its image will never exist.
      return {
        state: 'failed',
        failure: {
          kind: 'gone',
          message:
            'The task was cancelled on Runway’s side (for example from its developer portal) before it finished, so ' +
            'there is no image to fetch. Generate again.',
        },
        retryOnce: false,
      };
    default:
      return {
        state: 'failed',
        failure: {
          kind: 'server',
          message:
            typeof status === 'string'
              ? `Runway reported a task status the plugin does not know ("${clip(status, 30)}"). Please report it.`
              : `Runway’s answer about the task could not be read${quoteBody(text)}. Try again.`,
        },
        retryOnce: false,
      };
  }
}

function readSuccess(output: unknown, outputBase: string): TaskReading {
  const first = Array.isArray(output) ? (output[0] as unknown) : undefined;
  if (typeof first !== 'string' || first === '') {
    return {
      state: 'failed',
      failure: { kind: 'server', message: 'Runway said the image is ready but sent no link to it. Generate again.' },
      retryOnce: false,
    };
  }
  const downloadUrl = rewriteOutputUrl(first, outputBase);
  if (downloadUrl === null) {
    return {
      state: 'failed',
      failure: {
        kind: 'server',
        message:
          `Runway’s answer points the image at ${describeHost(first)}, not at Runway’s output host, so the plugin did ` +
          'not fetch it. Check that the Relay URL in Settings is your team’s relay.',
      },
      retryOnce: false,
    };
  }
  return { state: 'succeeded', downloadUrl };
}

/** The kinds of task failure Runway documents, by how the plugin treats them. */
export type FailureCodeClass = 'safety-input' | 'safety-output' | 'internal' | 'asset' | 'unknown';

/** Which documented class a `failureCode` belongs to. */
export function failureCodeClass(code: string | null): FailureCodeClass {
  if (code === null) return 'unknown';
  if (code.startsWith('SAFETY.INPUT.') || code.startsWith('INPUT_PREPROCESSING.SAFETY')) return 'safety-input';
  if (code.startsWith('SAFETY.')) return 'safety-output';
  // INPUT_PREPROCESSING.INTERNAL: moderation itself failed, a fault on Runway's side like the others.
  if (code === 'INTERNAL' || code.startsWith('INTERNAL.') || code === 'INPUT_PREPROCESSING.INTERNAL') return 'internal';
  if (code === 'ASSET.INVALID' || code.startsWith('ASSET.')) return 'asset';
  return 'unknown';
}

/** The message for a FAILED task, and whether one new task may be tried (internal failures only, never safety). */
export function taskFailure(
  code: string | null,
  failureText: string | null,
  context: Pick<TaskContext, 'tags' | 'attempt'>,
): { readonly failure: GenerationFailure; readonly retryOnce: boolean } {
  const said = failureText === null || failureText.trim() === '' ? null : tidy(failureText);
  const tag = code === null ? '' : ` (${clip(code, 60)})`;
  const quote = said === null ? '' : ` Runway said: "${said}"`;
  switch (failureCodeClass(code)) {
    case 'safety-input':
      // Runway asks that the code's last part be treated as a hint only, so the message names no single culprit.
      return {
        failure: badRequest(
          `Runway’s content moderation rejected this request${tag}. Change the prompt or the references and ` +
            'generate again; the same request would be rejected again.',
        ),
        retryOnce: false,
      };
    case 'safety-output':
      return {
        failure: badRequest(
          `Runway’s content moderation rejected the image it made${tag}. Rephrase the prompt or change the references ` +
            'and generate again.',
        ),
        retryOnce: false,
      };
    case 'internal':
      return {
        failure: {
          kind: 'server',
          message:
            `Runway could not make a usable image${context.attempt > 1 ? ', on two tries' : ''}${tag}.${quote} Text or ` +
            'graphics laid over a reference can cause this: try references without them, or change the prompt.',
        },
        retryOnce: true,
      };
    case 'asset': {
      const reference = namedReference(said, context.tags);
      return {
        failure: badRequest(
          `Runway could not use ${reference ?? 'one of the references'}${tag}.${quote} Check that the layer shows an ` +
            'image (JPEG, PNG or WebP, between 1:2 and 2:1) and generate again.',
        ),
        retryOnce: false,
      };
    }
    case 'unknown':
      return {
        failure: {
          kind: 'server',
          message: said === null ? `Runway could not make the image${tag} and did not say why. Try again.` : `Runway could not make the image${tag}: "${said}"`,
        },
        retryOnce: false,
      };
  }
}

/** "the reference @shoe" when Runway's text points at one (by index or by tag), else null. */
function namedReference(said: string | null, tags: readonly string[]): string | null {
  if (said === null) return null;
  const index = /referenceImages(?:\[|\.)(\d+)/.exec(said)?.[1];
  if (index !== undefined) {
    const tag = tags[Number(index)];
    return tag === undefined ? `reference ${Number(index) + 1}` : `the reference @${tag}`;
  }
  const words = said.split(/[^A-Za-z0-9_]+/);
  const mentioned = tags.find((tag) => words.some((word) => sameTag(word, tag)));
  return mentioned === undefined ? null : `the reference @${mentioned}`;
}

/** What the downloaded output's bytes mean: null when they are an image, else the failure to show. */
export function outputProblem(kind: string | null, byteCount: number, contentType: string | null): GenerationFailure | null {
  if (kind !== null) return null;
  const type = contentType?.split(';')[0]?.trim() || 'no content type';
  return {
    kind: 'not-image',
    message:
      byteCount === 0
        ? 'The download of Runway’s image came back empty. Generate again.'
        : `The download of Runway’s image was not an image (it was ${type}, ${byteCount} bytes). Check the relay and generate again.`,
  };
}

/** True for the statuses the official SDK retries: 408, 409, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long the server asks to wait, from `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP
 * date, measured from `nowMs`); null when it says nothing usable.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, nowMs: number): number | null {
  const ms = decimal(headers.get('retry-after-ms')?.trim());
  if (ms !== null) return Math.ceil(ms);
  const after = headers.get('retry-after')?.trim();
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
  answer: Pick<RunwayAnswer, 'status' | 'headers'>,
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

/** The failure for a non-2xx answer: the relay's own refusal first, then Runway's, with what Runway said. */
export function classifyRunwayHttpError(
  answer: RunwayAnswer,
  context: { readonly call: RunwayCall; readonly keySent: boolean; readonly attempts: number; readonly nowMs: number },
): GenerationFailure {
  const relay = relayFailure(answer.headers);
  if (relay !== null) return relay;
  const { status } = answer;
  const said = errorText(answer);
  const code = said === null ? `HTTP ${status}` : `HTTP ${status}: "${said}"`;
  const tries = context.attempts > 1 ? ` The plugin tried ${context.attempts} times.` : '';
  if (context.call === 'download') return downloadFailure(status, code, tries);
  switch (status) {
    case 400:
      if (said !== null && /credit/i.test(said)) {
        return { kind: 'credits', message: `Not enough Runway credits for this image (${code}). Add credits in Runway’s developer portal, then generate again.` };
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
        ? badRequest(`Nothing answers at the relay’s Runway address (${code}). Check that the Relay URL in Settings is the relay’s base address.`)
        : {
            kind: 'gone',
            message: `Runway no longer has this task: it was deleted, or it was made with another Runway key (${code}). Generate again.`,
          };
    case 405:
      return badRequest(`Runway answered ${code} (method not allowed): the relay or Runway did not take the plugin’s request. Please report it.`);
    case 413:
      return badRequest(`The request was too large for Runway (${code}). Use fewer or smaller references.`);
    case 429:
      return rateLimited(answer, code, tries, context.nowMs);
    default:
      if (status >= 500 || isRetryableStatus(status)) {
        return { kind: 'server', message: `Runway is busy or unavailable right now (${code}).${tries} Try again in a few minutes.` };
      }
      return { kind: status >= 400 && status < 500 ? 'bad-request' : 'server', message: `Runway answered with an unexpected ${code}.` };
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
  return { kind: 'server', message: `The image Runway made could not be downloaded (${code}).${tries} Check the relay and generate again.` };
}

function rateLimited(answer: RunwayAnswer, code: string, tries: string, nowMs: number): GenerationFailure {
  const raw = answer.headers.get('retry-after')?.trim() || null;
  const waitMs = retryAfterMs(answer.headers, nowMs);
  const prefix = `Runway’s rate limit was reached (${code}).${tries}`;
  if (waitMs === null) {
    return { kind: 'rate-limited', message: `${prefix} Runway also caps generations per day; try again later.` };
  }
  const at = new Date(nowMs + waitMs);
  const when =
    waitMs < 120_000
      ? `in ${Math.max(1, Math.ceil(waitMs / 1000))} seconds`
      : `after ${utcClock(at)}`;
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

/** Replaces every occurrence of each secret (the key, the relay token) in a failure's message. */
export function redactSecrets(outcome: GenerationOutcome, secrets: readonly (string | undefined)[]): GenerationOutcome {
  return secrets.reduce<GenerationOutcome>((result, secret) => (secret === undefined ? result : redactSecret(result, secret)), outcome);
}

/** What Runway said in an error body: `error` (with the fields its `issues` name), an HTML title, or short text. */
function errorText(answer: RunwayAnswer): string | null {
  const text = answer.text.trim();
  if (text === '') return null;
  const json = parseJson(text);
  if (json !== undefined) {
    const record = asRecord(json);
    if (record === null) return typeof json === 'string' ? tidy(json) : null;
    const parts: string[] = [];
    for (const field of ['error', 'message']) {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') {
        parts.push(value.trim());
        break;
      }
    }
    if (Array.isArray(record.issues)) {
      for (const issue of record.issues.slice(0, 3)) {
        const item = asRecord(issue);
        const path = Array.isArray(item?.path) ? item.path.map(String).join('.') : '';
        const message = typeof item?.message === 'string' ? item.message : '';
        if (path !== '' || message !== '') parts.push(path === '' ? message : `${path}: ${message}`);
      }
    }
    return parts.length > 0 ? tidy(parts.join('; ')) : tidy(text);
  }
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  if (title !== undefined) return tidy(title) || null;
  if (/^\s*</.test(text)) return null;
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? null : tidy(text);
}

function quoteBody(text: string): string {
  const said = text.trim() === '' ? null : tidy(text, 80);
  return said === null ? '' : ` ("${said}")`;
}

function describeHost(raw: string): string {
  try {
    return `another host (${new URL(raw).host || 'none'})`;
  } catch {
    return 'something that is not a link';
  }
}

function badRequest(message: string): GenerationFailure {
  return { kind: 'bad-request', message };
}

/** Collapses whitespace and cuts to `max` characters. */
function tidy(text: string, max = MAX_RUNWAY_MESSAGE_CHARS): string {
  return clip(flatten(text), max);
}
