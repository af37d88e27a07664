// The messages between the sandbox (src/) and the UI iframe (ui/), declared once.
// Only plain data crosses: strings, numbers, booleans, arrays, plain objects and Uint8Array
// (Figma's bridge passes no ArrayBuffer, Blob or other typed array).
import type { Settings, SettingsPatch } from './settings';

/** Formats the sandbox exports references in; the UI re-encodes them for the provider. */
export type ExportMime = 'image/png' | 'image/jpeg';

/** A selected layer that can be sent as a reference, in selection order. */
export interface SelectedLayer {
  readonly id: string;
  readonly name: string;
  /** Layer size in canvas units. */
  readonly width: number;
  readonly height: number;
}

/** A selected layer that cannot be used, with the reason shown to the designer. */
export interface SkippedLayer {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

/** What the current selection offers. `version` grows with every selection change. */
export interface SelectionSnapshot {
  readonly version: number;
  /** Usable layers, in selection order; only the first MAX_REFERENCES are exported and sent. */
  readonly layers: readonly SelectedLayer[];
  readonly skipped: readonly SkippedLayer[];
}

/** A reference the generated layer was made from, saved with it. */
export interface ReferenceRecord {
  readonly tag: string;
  readonly layerId: string;
  readonly layerName: string;
}

/**
 * Where a result goes: a new layer beside the references; the image fill of a selected layer (keeping its
 * size and place); or a new layer clipped exactly to a region rectangle drawn over a frame.
 */
export type PlaceTarget =
  | { readonly kind: 'new-layer' }
  | { readonly kind: 'selected-layer'; readonly nodeId: string }
  | { readonly kind: 'region'; readonly nodeId: string };

/** Variation `index` (from 0) of the `count` one run makes; a run's new layers line up in one row. */
export interface BatchSlot {
  /** Chosen by the UI, new for every run. */
  readonly batchId: number;
  readonly index: number;
  readonly count: number;
}

/** Everything the sandbox needs to put a generated image on the canvas. */
export interface PlaceRequest {
  /** Chosen by the UI; echoed in the answer so late answers can be told apart. */
  readonly requestId: number;
  /** PNG, JPEG or GIF bytes, at most 4096 px a side (Figma's createImage limit). */
  readonly bytes: Uint8Array;
  readonly prompt: string;
  /** A ratio string such as "1280:720"; the new layer is sized to its pixels. */
  readonly ratio: string;
  readonly provider: string;
  readonly model: string;
  readonly references: readonly ReferenceRecord[];
  /** The seed the provider made the image with, as it reported it; null when it reports none. */
  readonly seed: string | null;
  readonly target: PlaceTarget;
  readonly batch: BatchSlot;
}

/** Messages from the sandbox to the UI, by type. */
export interface MainToUi {
  /** The stored settings, sent once when the plugin starts. */
  init: { readonly settings: Settings };
  selection: SelectionSnapshot;
  /** An exported reference of the snapshot `version`; stale versions are ignored by the UI. */
  'reference-image': {
    readonly version: number;
    readonly id: string;
    readonly bytes: Uint8Array;
    readonly mime: ExportMime;
    /** Exported pixel size. */
    readonly width: number;
    readonly height: number;
  };
  'reference-failed': { readonly version: number; readonly id: string; readonly message: string };
  /**
   * The answer to the save-settings of the same `id`: the settings as stored now, and why the change was
   * refused or could not be stored (then `settings` are the ones still stored), or null.
   */
  'settings-stored': { readonly id: number; readonly settings: Settings; readonly error: string | null };
  placed: { readonly requestId: number; readonly nodeId: string; readonly name: string };
  'place-failed': { readonly requestId: number; readonly message: string };
}

/** Messages from the UI to the sandbox, by type. */
export interface UiToMain {
  /** Changes some settings; `id` is chosen by the UI and echoed in the answer (settings-stored). */
  'save-settings': { readonly id: number; readonly patch: SettingsPatch };
  place: PlaceRequest;
}

/** A message as it travels: its type name next to its payload's fields. */
export type Message<M> = { [K in keyof M]: { readonly type: K } & M[K] }[keyof M];

/** One handler per message type; each receives that type's message. */
export type Handlers<M> = { [K in keyof M]: (message: { readonly type: K } & M[K]) => void };

export const MAIN_TO_UI_TYPES: readonly (keyof MainToUi)[] = [
  'init',
  'selection',
  'reference-image',
  'reference-failed',
  'settings-stored',
  'placed',
  'place-failed',
];

export const UI_TO_MAIN_TYPES: readonly (keyof UiToMain)[] = ['save-settings', 'place'];

/** Returns `data` as a message of one of `types`, or null for anything else (other plugins' noise, bad input). */
export function parseMessage<M>(data: unknown, types: readonly (keyof M)[]): Message<M> | null {
  if (typeof data !== 'object' || data === null) return null;
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !(types as readonly unknown[]).includes(type)) return null;
  return data as Message<M>;
}

/** Calls the handler for `message`'s type. */
export function dispatch<M>(handlers: Handlers<M>, message: Message<M>): void {
  const handler = handlers[message.type as keyof M] as (m: Message<M>) => void;
  handler(message);
}

/** Both providers take at most three references per request. */
export const MAX_REFERENCES = 3;
