// The designer's settings as pure data: what they are, how a change to them is checked and applied, and how
// they are read back from what storage holds (including the values an older version stored). The sandbox
// keeps them in figma.clientStorage (src/settings.ts); the panel applies the same patches to show a change at once.
import { asRecord as record } from './guards';
import { isHeaderSafe } from './secrets';
import { RUNWAY_MODELS, SEGMIND_MODELS, SEGMIND_MODEL } from './models';
import type { ModelCapabilities } from './models';
import { findRatio, SEGMIND_RATIOS } from './ratios';
import type { RatioOption } from './ratios';

export type ProviderId = 'segmind' | 'runway';

/** In the order the Provider menu lists them; the first is the default. */
export const PROVIDER_IDS: readonly ProviderId[] = ['segmind', 'runway'];

export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = { segmind: 'Segmind', runway: 'Runway' };

/** `models`' ratios by model id. */
function ratiosById(models: readonly ModelCapabilities[]): Readonly<Record<string, readonly RatioOption[]>> {
  const byId: Record<string, readonly RatioOption[]> = {};
  for (const model of models) byId[model.id] = model.ratios;
  return byId;
}

/** The models each provider offers and the ratios each accepts, by the API's model id (from core/models.ts). */
export const PROVIDER_MODELS: Readonly<Record<ProviderId, Readonly<Record<string, readonly RatioOption[]>>>> = {
  segmind: ratiosById(SEGMIND_MODELS),
  runway: ratiosById(RUNWAY_MODELS),
};

/** Runway's seed range (CONTRACTS §2): a signed 32-bit integer that is not negative. */
export const MAX_SEED = 2_147_483_647;
/** Real keys are far shorter (Runway's are 132 characters); anything longer was pasted by mistake. */
export const MAX_SECRET_CHARS = 512;
export const MAX_RELAY_URL_CHARS = 2048;
/** Images one run makes at most (issue 5: 1–4 variations). */
export const MAX_VARIATIONS = 4;
/** A cost limit above this many credits is surely a typo. */
export const MAX_COST_LIMIT = 100_000;

export interface Settings {
  readonly provider: ProviderId;
  /** One key per provider; null when none is saved. Never rendered, logged or put in a message. */
  readonly apiKeys: Readonly<Record<ProviderId, string | null>>;
  /** The relay's base address ("https://relay.example.com", no trailing slash), or null to call providers directly. */
  readonly relayUrl: string | null;
  /** Sent to the relay in x-relay-token; a secret like the keys. */
  readonly relayToken: string | null;
  /** The chosen model per provider; a provider missing here uses its first model. */
  readonly models: Readonly<Partial<Record<ProviderId, string>>>;
  /** The last ratio chosen per model id; a model missing here uses its default ratio. */
  readonly ratios: Readonly<Record<string, string>>;
  /** A fixed seed for models that take one, or null for a random seed each run. */
  readonly seed: number | null;
  /** Images per run, 1 to MAX_VARIATIONS. */
  readonly variations: number;
  /**
   * Runs estimated above this many credits ask before they start; null: the default, more than
   * four generations' worth of the chosen model and ratio.
   */
  readonly costLimit: number | null;
}

/** A change to the settings; fields left out stay as they are. */
export interface SettingsPatch {
  readonly provider?: ProviderId;
  /** A key for one provider; null or blank removes it. */
  readonly apiKey?: { readonly provider: ProviderId; readonly key: string | null };
  /** null or blank: no relay. */
  readonly relayUrl?: string | null;
  /** null or blank: no token. */
  readonly relayToken?: string | null;
  readonly model?: { readonly provider: ProviderId; readonly model: string };
  readonly ratio?: { readonly model: string; readonly ratio: string };
  readonly seed?: number | null;
  readonly variations?: number;
  /** null: back to the default limit. */
  readonly costLimit?: number | null;
}

export const DEFAULT_SETTINGS: Settings = {
  provider: 'segmind',
  apiKeys: { segmind: null, runway: null },
  relayUrl: null,
  relayToken: null,
  models: {},
  ratios: {},
  seed: null,
  variations: 1,
  costLimit: null,
};

/** What an input is worth after checking: the value, or why it can't be one (never quoting a secret). */
export type Checked<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Checked<T, never> {
  return { ok: true, value };
}

export function bad<E>(error: E): Checked<never, E> {
  return { ok: false, error };
}

/**
 * Why a setting can't be stored, as a fact: the sandbox checks every change with the same rules as the panel, and
 * only the panel words them (core/settings-words.ts), so the sentences stay out of the sandbox's bundle.
 */
export type SettingsProblem =
  | { readonly code: 'not-text' | 'spaces' | 'not-ascii'; readonly name: SecretName | 'relay URL' }
  | { readonly code: 'too-long'; readonly name: SecretName | 'relay URL'; readonly length: number }
  | {
      readonly code:
        | 'relay-scheme'
        | 'relay-credentials'
        | 'relay-query'
        | 'relay-host'
        | 'relay-path'
        | 'relay-http'
        | 'seed'
        | 'variations'
        | 'cost-limit'
        | 'provider'
        | 'key-provider'
        | 'model'
        | 'ratio'
        | 'unreadable';
    }
  | { readonly code: 'unknown-field'; readonly field: string };

/** The secrets Settings keeps. */
export type SecretName = 'API key' | 'relay token';

/** A setting checked by the rules both the panel and the sandbox apply. */
export type Verdict<T> = Checked<T, SettingsProblem>;

/** A secret ('API key', 'relay token') to store, trimmed; null when blank (remove it); or why it can't be one. */
export function checkSecret(input: unknown, name: SecretName): Verdict<string | null> {
  if (input === null) return ok(null);
  if (typeof input !== 'string') return bad({ code: 'not-text', name });
  const secret = input.trim();
  if (secret === '') return ok(null);
  if (secret.length > MAX_SECRET_CHARS) return bad({ code: 'too-long', name, length: secret.length });
  // It travels in a request header: a space or line break would break it, and fetch refuses anything but ASCII.
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\s\u0000-\u001f\u007f]/.test(secret)) return bad({ code: 'spaces', name });
  if (!isHeaderSafe(secret)) return bad({ code: 'not-ascii', name });
  return ok(secret);
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:(\d{1,5}))?$/i;

/**
 * The relay's base address, tidied (lower-case scheme and host, no trailing slash); null when blank; or why
 * the input can't be one. The input is never quoted back: a pasted URL may hold a password.
 */
export function checkRelayUrl(input: unknown): Verdict<string | null> {
  const name = 'relay URL';
  if (input === null) return ok(null);
  if (typeof input !== 'string') return bad({ code: 'not-text', name });
  const text = input.trim();
  if (text === '') return ok(null);
  if (text.length > MAX_RELAY_URL_CHARS) return bad({ code: 'too-long', name, length: text.length });
  if (/\s/.test(text)) return bad({ code: 'spaces', name });
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)([?#].*)?$/i.exec(text);
  if (!match) return bad({ code: 'relay-scheme' });
  const [, scheme = '', authority = '', rawPath = '', rest] = match;
  if (authority.includes('@')) return bad({ code: 'relay-credentials' });
  if (rest !== undefined) return bad({ code: 'relay-query' });
  const host = HOST_PATTERN.exec(authority);
  if (!host || Number(host[6] ?? 0) > 65_535) return bad({ code: 'relay-host' });
  const path = rawPath.replace(/\/+$/, '');
  if (/\/(segmind|runway|runway-output)$/i.test(path)) return bad({ code: 'relay-path' });
  const hostName = (host[1] ?? '').toLowerCase();
  if (scheme.toLowerCase() === 'http' && !LOCAL_HOSTS.includes(hostName)) return bad({ code: 'relay-http' });
  return ok(`${scheme.toLowerCase()}://${authority.toLowerCase()}${path}`);
}

/** A seed as typed in the panel, or why it isn't one. */
export function parseSeed(text: string): Checked<number> {
  const trimmed = text.trim();
  if (trimmed === '') return bad(`Enter a seed: a whole number from 0 to ${MAX_SEED}.`);
  const seed = /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return seed <= MAX_SEED ? ok(seed) : bad(`A seed is a whole number from 0 to ${MAX_SEED}.`);
}

/** A number of variations, or why the input isn't one. */
export function checkVariations(input: unknown): Verdict<number> {
  if (typeof input === 'number' && Number.isInteger(input) && input >= 1 && input <= MAX_VARIATIONS) return ok(input);
  return bad({ code: 'variations' });
}

/** A cost limit in credits, null for the default, or why the input is neither. */
export function checkCostLimit(input: unknown): Verdict<number | null> {
  if (input === null) return ok(null);
  if (typeof input === 'number' && Number.isFinite(input) && input > 0 && input <= MAX_COST_LIMIT) return ok(input);
  return bad({ code: 'cost-limit' });
}

/** A fixed seed, null for none, or why the input is neither. */
export function checkSeed(input: unknown): Verdict<number | null> {
  if (input === null) return ok(null);
  if (typeof input === 'number' && Number.isInteger(input) && input >= 0 && input <= MAX_SEED) return ok(input);
  return bad({ code: 'seed' });
}

function isProvider(input: unknown): input is ProviderId {
  return (PROVIDER_IDS as readonly unknown[]).includes(input);
}

function isModelOf(provider: ProviderId, model: unknown): model is string {
  return typeof model === 'string' && Object.prototype.hasOwnProperty.call(PROVIDER_MODELS[provider], model);
}

/** The ratios of `model` (any provider's), or null for an unknown model. */
export function modelRatios(model: unknown): readonly RatioOption[] | null {
  for (const provider of PROVIDER_IDS) if (isModelOf(provider, model)) return PROVIDER_MODELS[provider][model] ?? null;
  return null;
}

/** How one field of a patch changes the settings: `settings` with `input` applied, or why it can't be. */
type FieldChange = (settings: Settings, input: unknown) => Verdict<Settings>;

/** `check`'s value stored as `field`, or its reason. */
function setTo<K extends keyof Settings>(field: K, check: (input: unknown) => Verdict<Settings[K]>): FieldChange {
  return (settings, input) => {
    const checked = check(input);
    return checked.ok ? ok({ ...settings, [field]: checked.value }) : checked;
  };
}

/** Each patch field's change, in the order they apply; a field missing here is no setting. */
const PATCH_FIELDS: Readonly<Record<keyof SettingsPatch, FieldChange>> = {
  provider: setTo('provider', (input) => (isProvider(input) ? ok(input) : bad({ code: 'provider' }))),
  apiKey(settings, input) {
    const change = record(input);
    if (!change || !isProvider(change.provider)) return bad({ code: 'key-provider' });
    const key = checkSecret(change.key, 'API key');
    return key.ok ? ok({ ...settings, apiKeys: { ...settings.apiKeys, [change.provider]: key.value } }) : key;
  },
  relayUrl: setTo('relayUrl', checkRelayUrl),
  relayToken: setTo('relayToken', (input) => checkSecret(input, 'relay token')),
  model(settings, input) {
    const change = record(input);
    if (!change || !isProvider(change.provider) || !isModelOf(change.provider, change.model)) return bad({ code: 'model' });
    return ok({ ...settings, models: { ...settings.models, [change.provider]: change.model } });
  },
  ratio(settings, input) {
    const change = record(input);
    const ratios = change ? modelRatios(change.model) : null;
    const option = change && ratios ? findRatio(ratios, change.ratio) : null;
    if (!change || !option) return bad({ code: 'ratio' });
    return ok({ ...settings, ratios: { ...settings.ratios, [change.model as string]: option.value } });
  },
  seed: setTo('seed', checkSeed),
  variations: setTo('variations', checkVariations),
  costLimit: setTo('costLimit', checkCostLimit),
};

function isPatchField(field: string): field is keyof SettingsPatch {
  return Object.prototype.hasOwnProperty.call(PATCH_FIELDS, field);
}

/** `settings` with `patch` applied, or why the patch can't be (then nothing of it applies). */
export function applySettingsPatch(settings: Settings, patch: unknown): Verdict<Settings> {
  const fields = record(patch);
  if (!fields) return bad({ code: 'unreadable' });
  const unknown = Object.keys(fields).find((field) => !isPatchField(field));
  if (unknown !== undefined) return bad({ code: 'unknown-field', field: unknown.slice(0, 40) });
  let next: Settings = settings;
  for (const [field, change] of Object.entries(PATCH_FIELDS) as [keyof SettingsPatch, FieldChange][]) {
    if (!(field in fields)) continue;
    const applied = change(next, fields[field]);
    if (!applied.ok) return applied;
    next = applied.value;
  }
  return ok(next);
}

/** The settings that are not secrets, as stored in one clientStorage entry. */
export type StoredPreferences = Omit<Settings, 'apiKeys' | 'relayToken'>;

/** The part of `settings` stored as preferences (the keys and the relay token are stored apart). */
export function preferencesOf(settings: Settings): StoredPreferences {
  // The secrets are left out by name, so a setting added later is stored without a change here.
  const { apiKeys: _keys, relayToken: _token, ...preferences } = settings;
  return preferences;
}

/** What clientStorage held, as read: anything may be missing or of the wrong shape. */
export interface StoredValues {
  readonly preferences: unknown;
  readonly apiKeys: Readonly<Record<ProviderId, unknown>>;
  readonly relayToken: unknown;
  /** The Segmind ratio version 0.1 stored on its own, used when the preferences hold none. */
  readonly legacyRatio: unknown;
}

function valueOr<T>(checked: Verdict<T>, fallback: T): T {
  return checked.ok ? checked.value : fallback;
}

/**
 * A stored secret as it was saved. Not checked again: a key saved by an older version that today's check
 * would refuse is still the designer's key, and the provider says what is wrong with it when it is sent.
 */
function storedSecret(input: unknown): string | null {
  return typeof input === 'string' && input.trim() !== '' ? input.trim() : null;
}

/** The settings stored values describe; whatever is missing or invalid falls back to its default. */
export function settingsFromStorage(stored: StoredValues): Settings {
  const preferences = record(stored.preferences) ?? {};
  const models: Partial<Record<ProviderId, string>> = {};
  const storedModels = record(preferences.models) ?? {};
  for (const provider of PROVIDER_IDS) {
    const model = storedModels[provider];
    if (isModelOf(provider, model)) models[provider] = model;
  }
  const ratios: Record<string, string> = {};
  const legacy = findRatio(SEGMIND_RATIOS, stored.legacyRatio);
  if (legacy) ratios[SEGMIND_MODEL] = legacy.value;
  for (const [model, ratio] of Object.entries(record(preferences.ratios) ?? {})) {
    const option = findRatio(modelRatios(model) ?? [], ratio);
    if (option) ratios[model] = option.value;
  }
  return {
    provider: isProvider(preferences.provider) ? preferences.provider : DEFAULT_SETTINGS.provider,
    apiKeys: { segmind: storedSecret(stored.apiKeys.segmind), runway: storedSecret(stored.apiKeys.runway) },
    relayUrl: valueOr(checkRelayUrl(preferences.relayUrl ?? null), null),
    relayToken: storedSecret(stored.relayToken),
    models,
    ratios,
    seed: valueOr(checkSeed(preferences.seed ?? null), null),
    variations: valueOr(checkVariations(preferences.variations), DEFAULT_SETTINGS.variations),
    costLimit: valueOr(checkCostLimit(preferences.costLimit ?? null), null),
  };
}

/** The ratio to use for `model`: the remembered one when the model offers it, else the model's default. */
export function ratioFor(
  settings: Settings,
  model: { readonly id: string; readonly ratios: readonly RatioOption[]; readonly defaultRatio: string },
): string {
  return findRatio(model.ratios, settings.ratios[model.id])?.value ?? model.defaultRatio;
}
