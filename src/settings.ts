// The designer's own settings, kept per user on this machine with figma.clientStorage (never in the document).
// Each secret has its own entry; everything else is one preferences entry. Changes are applied one at a time,
// in the order the UI sent them, and each is answered with what is stored afterwards.
import { hideSecrets } from '../core/secrets';
import type { SettingsPatch, Settings, SettingsProblem, ProviderId } from '../core/settings';
import { applySettingsPatch, PROVIDER_IDS, PROVIDER_LABELS, preferencesOf, settingsFromStorage } from '../core/settings';
import { postToUi } from './channel';

/** Where each provider's key is stored ('segmind-api-key' is also where version 0.1 kept its only key). */
export const API_KEY_STORAGE_KEYS: Readonly<Record<ProviderId, string>> = {
  segmind: 'segmind-api-key',
  runway: 'runway-api-key',
};
export const RELAY_TOKEN_STORAGE_KEY = 'relay-token';
export const PREFERENCES_STORAGE_KEY = 'preferences';
/** Where version 0.1 remembered the last (Segmind) ratio; read when the preferences hold none, removed once they are stored. */
export const LEGACY_RATIO_STORAGE_KEY = 'last-ratio';

/** What the storage holds now; whatever can't be read counts as not stored (the panel then asks for it). */
export async function loadSettingsAsync(): Promise<Settings> {
  const read = (key: string): Promise<unknown> => figma.clientStorage.getAsync(key).catch(() => undefined);
  const [preferences, segmind, runway, relayToken, legacyRatio] = await Promise.all([
    read(PREFERENCES_STORAGE_KEY),
    read(API_KEY_STORAGE_KEYS.segmind),
    read(API_KEY_STORAGE_KEYS.runway),
    read(RELAY_TOKEN_STORAGE_KEY),
    read(LEGACY_RATIO_STORAGE_KEY),
  ]);
  return settingsFromStorage({ preferences, apiKeys: { segmind, runway }, relayToken, legacyRatio });
}

/** The clientStorage entries `settings` are kept in; undefined: the entry is removed. */
function entriesOf(settings: Settings): [string, unknown][] {
  return [
    ...PROVIDER_IDS.map((provider): [string, unknown] => [API_KEY_STORAGE_KEYS[provider], settings.apiKeys[provider] ?? undefined]),
    [RELAY_TOKEN_STORAGE_KEY, settings.relayToken ?? undefined],
    [PREFERENCES_STORAGE_KEY, preferencesOf(settings)],
  ];
}

/** Writes the entries that differ between `before` and `after`. */
async function storeAsync(before: Settings, after: Settings): Promise<void> {
  const old = new Map(entriesOf(before).map(([key, value]) => [key, JSON.stringify(value)]));
  for (const [key, value] of entriesOf(after)) {
    if (old.get(key) === JSON.stringify(value)) continue;
    if (value === undefined) await figma.clientStorage.deleteAsync(key);
    else await figma.clientStorage.setAsync(key, value);
    if (key === PREFERENCES_STORAGE_KEY) {
      // The preferences now hold the ratio: the old entry has done its job. Failing to remove it is harmless.
      await figma.clientStorage.deleteAsync(LEGACY_RATIO_STORAGE_KEY).catch(() => undefined);
    }
  }
}

/** What a patch changes, as the failure message names it. */
function subjectOf(patch: SettingsPatch): string {
  if (patch.apiKey) return `${patch.apiKey.key?.trim() ? 'save' : 'remove'} the ${PROVIDER_LABELS[patch.apiKey.provider]} API key`;
  if ('relayUrl' in patch || 'relayToken' in patch) return 'save the relay settings';
  return 'save the settings';
}

/** Every secret that could appear in a platform message about storing `settings`. */
function secretsOf(...all: Settings[]): string[] {
  return all
    .flatMap((settings) => [...PROVIDER_IDS.map((provider) => settings.apiKeys[provider]), settings.relayToken])
    .filter((secret): secret is string => secret !== null);
}

/** `patch` applied to `before` and stored, or why not, with the settings stored afterwards. */
async function applyAsync(before: Settings, patch: SettingsPatch): Promise<{ settings: Settings; error: SettingsProblem | string | null }> {
  const applied = applySettingsPatch(before, patch);
  if (!applied.ok) return { settings: before, error: applied.error };
  try {
    await storeAsync(before, applied.value);
    return { settings: applied.value, error: null };
  } catch (error) {
    // Some entries may have been written: say what storage holds now, not what was hoped for.
    const settings = await loadSettingsAsync();
    const reason = hideSecrets(error instanceof Error ? error.message : String(error), secretsOf(before, applied.value));
    return { settings, error: `Couldn't ${subjectOf(patch)} on this computer: ${reason}` };
  }
}

/** The sandbox's settings: loaded once, then changed one patch at a time. */
export interface SettingsStore {
  /** The settings as loaded (and as changed by the saves queued so far). */
  loadAsync(): Promise<Settings>;
  /** Applies and stores `patch` after every earlier one, then answers the UI with settings-stored `id`. */
  saveAsync(id: number, patch: SettingsPatch): Promise<void>;
}

/** A store that starts by reading clientStorage. */
export function createSettingsStore(): SettingsStore {
  let latest = loadSettingsAsync();
  return {
    loadAsync: () => latest,
    saveAsync(id, patch) {
      const answer = latest.then((before) => applyAsync(before, patch));
      latest = answer.then(({ settings }) => settings);
      return answer.then(({ settings, error }) => postToUi('settings-stored', { id, settings, error }));
    },
  };
}
