// The generation history as pure data: what one entry holds, how a file's list grows, how it is read back from
// clientStorage, and how all files' lists stay within their share of clientStorage's 5 MB (oldest dropped first).
import { isText as text } from './guards';
import { generationParams, readGenerationFields } from './generation-record';
import type { GenerationParams, GenerationRecord } from './generation-record';
import { UPSCALE_FACTORS } from './upscale';
import type { UpscaleFactor } from './upscale';

/** Entries kept per file. */
export const MAX_HISTORY_ENTRIES = 30;
/** A thumbnail JPEG over this is not kept (a 96 px wide JPEG is usually 2–6 kB). */
export const MAX_THUMBNAIL_BYTES = 12 * 1024;
/** All files' histories together; the rest of the plugin's 5 MB of clientStorage stays free for settings. */
export const HISTORY_BUDGET_BYTES = 3 * 1024 * 1024;
/** Thumbnails are exported this wide. */
export const THUMBNAIL_WIDTH_PX = 96;
/** clientStorage keys of histories start with this, followed by the file's id. */
export const HISTORY_STORAGE_PREFIX = 'history/';

/** One placed generation, kept in clientStorage (never in the document). */
export interface HistoryEntry extends GenerationParams {
  readonly id: string;
  /** The layer the image was placed on (last placed again from history: that layer). */
  readonly layerId: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The image's hash in the document, to place it again; null when the layer showed none. */
  readonly imageHash: string | null;
  /** A small JPEG, base64; null when none could be made within MAX_THUMBNAIL_BYTES. */
  readonly thumbnail: string | null;
  /** The layer's size in canvas units. */
  readonly width: number;
  readonly height: number;
  /** Set when the entry is an upscale (issue 12): by how much. Its prompt is empty when the image was no generation. */
  readonly upscaled?: UpscaleFactor;
}

/** An entry as the panel lists it: with whether its layer is still in the document. */
export interface HistoryItem extends HistoryEntry {
  readonly exists: boolean;
}

/** One file's history as stored under `key`. */
export interface HistoryFile {
  readonly key: string;
  readonly entries: readonly HistoryEntry[];
}

/** The clientStorage key of the history of the file with `fileId`. */
export function historyStorageKey(fileId: string): string {
  return `${HISTORY_STORAGE_PREFIX}${fileId}`;
}

/** UTF-8 length of `text` (the sandbox has no TextEncoder). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** What `entries` take in storage under `key` (key and JSON text). */
export function storedBytes(key: string, entries: readonly HistoryEntry[]): number {
  // The same as utf8Bytes(key + JSON.stringify(entries)), summed per entry so drops can be subtracted.
  const items = entries.reduce((sum, entry) => sum + utf8Bytes(JSON.stringify(entry)), 0);
  return utf8Bytes(key) + 2 + items + Math.max(0, entries.length - 1);
}

const textOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const size = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

function entryOf(value: unknown): HistoryEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = readGenerationFields(value as Record<string, unknown>);
  const { id, layerId, seed, createdAt, imageHash, thumbnail, width, height, upscaled } = value as Record<string, unknown>;
  if (!fields || !text(id) || id === '' || !text(layerId) || !textOrNull(seed) || !text(createdAt)) return null;
  if (!textOrNull(imageHash) || !textOrNull(thumbnail) || !size(width) || !size(height)) return null;
  const entry = { ...fields, id, layerId, seed, createdAt, imageHash, thumbnail, width, height };
  return UPSCALE_FACTORS.includes(upscaled as UpscaleFactor) ? { ...entry, upscaled: upscaled as UpscaleFactor } : entry;
}

/** A file's history as clientStorage held it: entries that can't be read are left out, newest first, at most MAX_HISTORY_ENTRIES. */
export function parseHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  const entries = value.map(entryOf).filter((entry): entry is HistoryEntry => entry !== null);
  return newestFirst(entries).slice(0, MAX_HISTORY_ENTRIES);
}

function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  // ISO 8601 times of one format sort as text; the stable sort keeps equal times in their order.
  return [...entries].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** `entries` with `entry` first (replacing one of the same id), at most MAX_HISTORY_ENTRIES: the oldest go. */
export function addEntry(entries: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...entries.filter((other) => other.id !== entry.id)].slice(0, MAX_HISTORY_ENTRIES);
}

/** `entries` with the one of `entry.id` replaced where it stands; unchanged when there is none. */
export function replaceEntry(entries: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return entries.map((other) => (other.id === entry.id ? entry : other));
}

/**
 * The files' histories within `budgetBytes` in all: the oldest entries, whichever file they belong to, are
 * dropped first. Files keep their order; a file may end with no entries.
 */
export function fitBudget(files: readonly HistoryFile[], budgetBytes: number = HISTORY_BUDGET_BYTES): HistoryFile[] {
  let total = files.reduce((sum, file) => sum + storedBytes(file.key, file.entries), 0);
  if (total <= budgetBytes) return files.map((file) => ({ key: file.key, entries: [...file.entries] }));
  const dropped = new Set<HistoryEntry>();
  const remaining = files.map((file) => file.entries.length);
  const oldestFirst = files
    .flatMap((file, index) => file.entries.map((entry) => ({ entry, index })))
    .sort((a, b) => (a.entry.createdAt < b.entry.createdAt ? -1 : a.entry.createdAt > b.entry.createdAt ? 1 : 0));
  for (const { entry, index } of oldestFirst) {
    if (total <= budgetBytes) break;
    dropped.add(entry);
    remaining[index] -= 1;
    // The entry's JSON, and the comma before it unless it was the file's last.
    total -= utf8Bytes(JSON.stringify(entry)) + (remaining[index]! > 0 ? 1 : 0);
  }
  return files.map((file) => ({ key: file.key, entries: file.entries.filter((entry) => !dropped.has(entry)) }));
}

/** The generation record a layer placed again from `entry` carries: a new layer of its own. */
export function recordOf(entry: HistoryEntry): GenerationRecord {
  return { ...generationParams(entry), createdAt: entry.createdAt, target: { kind: 'new-layer' } };
}
