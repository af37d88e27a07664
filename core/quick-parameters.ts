// The quick action: Generate run from Figma's quick actions with a prompt and an optional ratio typed there
// (manifest.json `parameters`), without the panel. What the typed values are worth, which ratios to suggest as
// they are typed, and what a quick run can't start without, as pure data.
import { checkPrompt } from './prompt';
import { findRatio } from './ratios';
import type { RatioOption } from './ratios';
import { bad, ok, PROVIDER_LABELS, PROVIDER_MODELS } from './settings';
import type { Checked, Settings } from './settings';

/** The parameters' keys, as manifest.json declares them. */
export const QUICK_PROMPT_KEY = 'prompt';
export const QUICK_RATIO_KEY = 'ratio';

/** Figma shows about 100 characters of a notification (CONTRACTS §3). */
export const MAX_NOTIFICATION_CHARS = 100;

/** What the designer typed in the quick action. */
export interface QuickParameters {
  readonly prompt: string;
  /** The ratio picked, or null for the one the panel would use. */
  readonly ratio: string | null;
}

/** A ratio suggestion as figma.parameters' setSuggestions takes it: the label shown, the value passed on. */
export interface RatioSuggestion {
  readonly name: string;
  readonly data: string;
}

/** The run event's `parameters` as the quick action's values, or why they can't be. */
export function readQuickParameters(values: unknown): Checked<QuickParameters> {
  if (typeof values !== 'object' || values === null) return bad('The quick action passed no prompt: type one and try again.');
  const { [QUICK_PROMPT_KEY]: prompt, [QUICK_RATIO_KEY]: ratio } = values as Record<string, unknown>;
  if (typeof prompt !== 'string') return bad('Type a prompt in the quick action.');
  if (ratio !== undefined && ratio !== null && typeof ratio !== 'string') return bad('The ratio must be text like 960:960.');
  const typed = ratio?.trim() ?? '';
  return ok({ prompt, ratio: typed === '' ? null : typed });
}

/** The model `settings` choose: the one chosen for the provider, else the provider's first, as the panel picks. */
function quickModel(settings: Settings): string {
  const models = PROVIDER_MODELS[settings.provider];
  const chosen = settings.models[settings.provider];
  return chosen !== undefined && Object.prototype.hasOwnProperty.call(models, chosen) ? chosen : (Object.keys(models)[0] ?? '');
}

/** The ratios of the model `settings` choose. */
export function quickRatios(settings: Settings): readonly RatioOption[] {
  return PROVIDER_MODELS[settings.provider][quickModel(settings)] ?? [];
}

/** `text` cut to `max` characters, ending in an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The ratios to suggest while `query` is typed: those whose value or use contains it; or why none fits. */
export function ratioSuggestions(settings: Settings, query: string): Checked<RatioSuggestion[]> {
  const ratios = quickRatios(settings);
  const wanted = query.trim().toLowerCase();
  const fits = ratios.filter((option) => `${option.value} ${option.hint}`.toLowerCase().includes(wanted));
  if (fits.length > 0) return ok(fits.map((option) => ({ name: `${option.value} — ${option.hint}`, data: option.value })));
  const examples = ratios
    .slice(0, 2)
    .map((option) => option.value)
    .join(' or ');
  return bad(`No ${PROVIDER_LABELS[settings.provider]} ratio matches “${clip(query.trim(), 20)}”: try ${examples}.`);
}

/** The ratio `typed` as the chosen model offers it, null when none was typed, or why it isn't one. */
export function checkQuickRatio(settings: Settings, typed: string | null): Checked<string | null> {
  if (typed === null) return ok(null);
  const option = findRatio(quickRatios(settings), typed);
  if (option) return ok(option.value);
  return bad(`${clip(typed, 20)} is not a ratio ${PROVIDER_LABELS[settings.provider]} offers: pick one the quick action suggests.`);
}

/** Why a quick run can't start with `settings` before anything is sent, or null. Never quotes a key. */
export function quickSettingsProblem(settings: Settings): string | null {
  // A relay may hold the team's key, as in the panel; without either there is nothing to send a request with.
  if (settings.apiKeys[settings.provider] === null && settings.relayUrl === null) {
    return `Open Gen-4 References and save your ${PROVIDER_LABELS[settings.provider]} API key first`;
  }
  return null;
}

/**
 * The settings a quick run's hidden panel uses (never stored): one image, placed as a new layer, at `ratio`
 * when one was picked. Nobody sees the panel to pick among variations or to point at a layer to fill.
 */
export function quickRunSettings(settings: Settings, ratio: string | null): Settings {
  const ratios = ratio === null ? settings.ratios : { ...settings.ratios, [quickModel(settings)]: ratio };
  return { ...settings, ratios, variations: 1 };
}

/**
 * What stops a quick run's prompt from being sent with references tagged `tags`, or null. Stricter than the
 * panel: an @tag no reference has is only a warning there, where the designer sees it; here nobody would.
 */
export function quickPromptProblem(prompt: string, tags: readonly string[]): string | null {
  const check = checkPrompt(prompt, tags);
  const [blocker] = check.blockers;
  if (blocker !== undefined) return blocker;
  const unknown = check.mentions.find((mention) => mention.matches === null);
  if (!unknown) return null;
  const known = tags.length === 0 ? 'no layer is selected' : `the tags are ${tags.map((tag) => `@${tag}`).join(', ')}`;
  return `@${unknown.tag} is not a selected layer’s tag: ${known}.`;
}

/** `message` short enough for a notification: on one line, without its (details) when too long, else cut. */
export function notificationText(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_NOTIFICATION_CHARS) return text;
  // The panel's messages put the status code and the provider's own words in brackets; the advice comes after.
  return clip(text.replace(/\s*\([^()]*\)/g, ''), MAX_NOTIFICATION_CHARS);
}
