// The designer's own settings, kept per user on this machine with figma.clientStorage (never in the document).
import type { MainToUi } from '../core/protocol';
import { findRatio, SEGMIND_RATIOS } from '../core/ratios';
import { postToUi } from './channel';

export const API_KEY_STORAGE_KEY = 'segmind-api-key';
export const RATIO_STORAGE_KEY = 'last-ratio';
/** Real keys are far shorter (Runway's are 132 characters); anything longer was pasted by mistake. */
export const MAX_API_KEY_CHARS = 512;

type KeyStored = MainToUi['key-stored'];

/** A key to store, null to remove the stored one, or why the input can't be a key (never quoting it). */
export function checkApiKey(input: unknown): { key: string | null } | { error: string } {
  if (typeof input !== 'string') return { error: 'The API key must be text.' };
  const key = input.trim();
  if (key === '') return { key: null };
  if (key.length > MAX_API_KEY_CHARS) {
    return { error: `That is ${key.length} characters long, too long for an API key: check what was pasted.` };
  }
  // A space or line break inside would break the request header the key travels in.
  if (/[\s\u0000-\u001f\u007f]/.test(key)) {
    return { error: 'An API key has no spaces or line breaks inside: check what was pasted.' };
  }
  return { key };
}

async function readKeyAsync(): Promise<string | null> {
  const stored: unknown = await figma.clientStorage.getAsync(API_KEY_STORAGE_KEY);
  return typeof stored === 'string' && stored !== '' ? stored : null;
}

async function readRatioAsync(): Promise<string | null> {
  const stored: unknown = await figma.clientStorage.getAsync(RATIO_STORAGE_KEY);
  return findRatio(SEGMIND_RATIOS, stored)?.value ?? null;
}

/** The stored key and ratio; what can't be read counts as not stored (the panel then asks for it). */
export async function loadSettingsAsync(): Promise<MainToUi['init']> {
  const [apiKey, ratio] = await Promise.all([
    readKeyAsync().catch(() => null),
    readRatioAsync().catch(() => null),
  ]);
  return { apiKey, ratio };
}

/** Why storage failed, with any key that could appear in the platform's message blanked out. */
async function storageFailureAsync(action: string, error: unknown, keys: readonly string[]): Promise<KeyStored> {
  const apiKey = await readKeyAsync().catch(() => null);
  let reason = error instanceof Error ? error.message : String(error);
  for (const key of [...keys, apiKey]) if (key) reason = reason.split(key).join('•••');
  return { apiKey, error: `Couldn't ${action} the API key on this computer: ${reason}` };
}

/** Removes the stored key and tells the UI what is stored now. */
export async function removeKeyAsync(): Promise<void> {
  let answer: KeyStored;
  try {
    await figma.clientStorage.deleteAsync(API_KEY_STORAGE_KEY);
    answer = { apiKey: null, error: null };
  } catch (error) {
    answer = await storageFailureAsync('remove', error, []);
  }
  postToUi('key-stored', answer);
}

/** Stores `input` as the key (trimmed; blank removes it) and tells the UI what is stored now. */
export async function saveKeyAsync(input: unknown): Promise<void> {
  const checked = checkApiKey(input);
  if ('error' in checked) {
    postToUi('key-stored', { apiKey: await readKeyAsync().catch(() => null), error: checked.error });
    return;
  }
  const { key } = checked;
  if (key === null) return removeKeyAsync();
  let answer: KeyStored;
  try {
    await figma.clientStorage.setAsync(API_KEY_STORAGE_KEY, key);
    answer = { apiKey: key, error: null };
  } catch (error) {
    answer = await storageFailureAsync('save', error, [key]);
  }
  postToUi('key-stored', answer);
}

/** Remembers the last chosen ratio; anything the provider doesn't offer is ignored. */
export async function saveRatioAsync(input: unknown): Promise<void> {
  const option = findRatio(SEGMIND_RATIOS, input);
  if (!option) return;
  // Remembering the ratio is a convenience the protocol has no answer for: a failure only means
  // the panel starts with the default next time.
  await figma.clientStorage.setAsync(RATIO_STORAGE_KEY, option.value).catch(() => undefined);
}
