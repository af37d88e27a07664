// A file's workspace as pure data: the panel's draft (what was typed, so closing the plugin loses nothing) and the
// tags the designer gave its layers. Kept per user and file in figma.clientStorage, never in the document: a tag
// edit written as plugin data would be a document change in the designer's undo history at every keystroke, and a
// draft is nobody else's business. Whatever storage holds is checked here before use.
import { asRecord as record } from './guards';
import { MAX_PROMPT_LENGTH } from './prompt';
import { MAX_VARIATIONS } from './settings';

/** What the panel holds that a designer typed or picked and would miss after closing the plugin. */
export interface Draft {
  readonly prompt: string;
  /** The preset picked ('' for none). */
  readonly presetId: string;
  /** The ratio picked, with the model it was picked for (a ratio means nothing to another model). */
  readonly ratio: { readonly model: string; readonly ratio: string } | null;
  readonly variations: number;
  /** The Seed field as typed, and whether Fixed seed was ticked. */
  readonly seed: { readonly text: string; readonly fixed: boolean };
}

/** One file's workspace as stored. */
export interface Workspace {
  /** Date.now() of the last write: the oldest workspaces go first when there are too many. */
  readonly savedAt: number;
  readonly draft: Draft | null;
  /** [layer id, tag], oldest edit first. */
  readonly tags: readonly (readonly [string, string])[];
}

/** clientStorage keys of workspaces start with this, followed by the file's id. */
export const WORKSPACE_STORAGE_PREFIX = 'workspace/';
/** Workspaces kept at most: about 12 kB each at worst, so they stay well inside clientStorage beside the history. */
export const MAX_WORKSPACES = 40;
/** Tags kept per file: the oldest edits go first. */
export const MAX_SAVED_TAGS = 300;
/** A tag is at most 16 characters; anything far longer was pasted by mistake and is cut. */
export const MAX_SAVED_TAG_CHARS = 64;
const MAX_ID_CHARS = 64;

export const EMPTY_WORKSPACE: Workspace = { savedAt: 0, draft: null, tags: [] };

/** The clientStorage key of the workspace of the file with `fileId`. */
export function workspaceStorageKey(fileId: string): string {
  return `${WORKSPACE_STORAGE_PREFIX}${fileId}`;
}

function shortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** `value` as a draft (from storage or the panel), or null when it is none. */
export function parseDraft(value: unknown): Draft | null {
  const fields = record(value);
  if (!fields) return null;
  const { prompt, presetId, ratio, variations, seed } = fields;
  // A prompt over the limit is still the designer's text: the panel says it is too long.
  if (!shortText(prompt, MAX_PROMPT_LENGTH * 4) || !shortText(presetId, MAX_ID_CHARS)) return null;
  const picked = record(ratio);
  const ratioOk = picked && shortText(picked.model, MAX_ID_CHARS) && shortText(picked.ratio, MAX_ID_CHARS);
  if (ratio !== null && !ratioOk) return null;
  if (typeof variations !== 'number' || !Number.isInteger(variations) || variations < 1 || variations > MAX_VARIATIONS) return null;
  const seedFields = record(seed);
  if (!seedFields || !shortText(seedFields.text, 32) || typeof seedFields.fixed !== 'boolean') return null;
  return {
    prompt,
    presetId,
    ratio: picked && ratioOk ? { model: picked.model as string, ratio: picked.ratio as string } : null,
    variations,
    seed: { text: seedFields.text, fixed: seedFields.fixed },
  };
}

/** A workspace as clientStorage held it: what can't be read is left out. */
export function parseWorkspace(value: unknown): Workspace {
  const fields = record(value);
  if (!fields) return EMPTY_WORKSPACE;
  const tags = Array.isArray(fields.tags)
    ? fields.tags.filter(
        (pair): pair is [string, string] =>
          Array.isArray(pair) &&
          pair.length === 2 &&
          shortText(pair[0], MAX_ID_CHARS) &&
          shortText(pair[1], MAX_SAVED_TAG_CHARS) &&
          pair[1] !== '',
      )
    : [];
  const savedAt = typeof fields.savedAt === 'number' && Number.isFinite(fields.savedAt) ? fields.savedAt : 0;
  return { savedAt, draft: parseDraft(fields.draft), tags: tags.slice(-MAX_SAVED_TAGS) };
}

/** The tag saved for `layerId`, or null. */
export function savedTag(workspace: Workspace, layerId: string): string | null {
  return workspace.tags.find(([id]) => id === layerId)?.[1] ?? null;
}

/**
 * `workspace` with `tag` saved for `layerId` as its newest edit (cut to MAX_SAVED_TAG_CHARS); a blank tag forgets
 * the layer's, so its default comes back. The oldest edits beyond MAX_SAVED_TAGS go.
 */
export function withTag(workspace: Workspace, layerId: string, tag: string, now: number): Workspace {
  const kept = workspace.tags.filter(([id]) => id !== layerId);
  const text = tag.trim().slice(0, MAX_SAVED_TAG_CHARS);
  const tags = text === '' ? kept : [...kept, [layerId, text] as const];
  return { ...workspace, savedAt: now, tags: tags.slice(-MAX_SAVED_TAGS) };
}

/** `workspace` with `draft` as its draft. */
export function withDraft(workspace: Workspace, draft: Draft, now: number): Workspace {
  return { ...workspace, savedAt: now, draft };
}

/** The keys of the workspaces to delete so that at most `max` remain (`keep` stays whatever its age), oldest first. */
export function workspacesToDrop(
  stored: readonly { readonly key: string; readonly savedAt: number }[],
  keep: string,
  max: number = MAX_WORKSPACES,
): string[] {
  const others = stored.filter((entry) => entry.key !== keep).sort((a, b) => a.savedAt - b.savedAt);
  const excess = others.length + 1 - max;
  return excess > 0 ? others.slice(0, excess).map((entry) => entry.key) : [];
}
