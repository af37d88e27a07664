// The messages between the sandbox (src/) and the UI iframe (ui/), declared once.
// Only plain data crosses: strings, numbers, booleans, arrays, plain objects and Uint8Array
// (Figma's bridge passes no ArrayBuffer, Blob or other typed array).
import type { SkipReason } from './skip-reasons';
import type { PanelLayout } from './panel-layout';
import type { GenerationParams, PlaceTarget } from './generation-record';
import type { HistoryItem } from './history';
import type { Settings, SettingsPatch, SettingsProblem } from './settings';
import type { PendingRun } from './pending-run';
import type { Draft } from './workspace';
import type { PendingUpscale, UpscaleDone } from './upscale';

/**
 * Where a generated image goes: a new layer, the fill of a selected layer, or a region drawn over a frame. Not a
 * setting: a mode remembered across runs once made a later run fill one of its own references, so every run (and
 * every Iterate that can't restore its target) starts in New layer, and the panel tells the sandbox each change.
 */
export type PlaceInto = 'new-layer' | 'selected-layer' | 'region';
export const PLACE_INTO_MODES: readonly PlaceInto[] = ['new-layer', 'selected-layer', 'region'];

/** Formats the sandbox exports references in; the UI re-encodes them for the provider. */
export type ExportMime = 'image/png' | 'image/jpeg';

/** A selected layer that can be sent as a reference, in selection order. */
export interface SelectedLayer {
  readonly id: string;
  readonly name: string;
  /** Layer size in canvas units. */
  readonly width: number;
  readonly height: number;
  /** The tag the designer gave this layer in this file (kept in the workspace), or null. */
  readonly savedTag: string | null;
  /**
   * What a default tag is made from: the layer's name, or "result" for a generated layer still named after its
   * prompt (a tag from the prompt's first words would say nothing).
   */
  readonly tagBase: string;
}

/** A selected layer that cannot be used, with the reason (the panel words it: skipReasonText). */
export interface SkippedLayer {
  readonly id: string;
  readonly name: string;
  readonly reason: SkipReason;
}

/** The layer a result is placed into (Place into: Selected layer or Region), with its size in canvas units. */
export interface TargetLayer {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** The layer shows an image fill now, which filling it would replace (the panel names it before Generate). */
  readonly imageFill: boolean;
}

/** What the current selection offers. `version` grows with every selection change. */
export interface SelectionSnapshot {
  readonly version: number;
  /**
   * Usable layers, in selection order. The first MAX_OFFERED_REFERENCES are exported as reference cards; a run sends
   * at most MAX_REFERENCES of them, those the prompt names first.
   */
  readonly layers: readonly SelectedLayer[];
  readonly skipped: readonly SkippedLayer[];
  /** The Place into mode the target below was read for (the panel may have switched since). */
  readonly placeInto: PlaceInto;
  /** The selected layer the result goes into; null for a new layer, or when the mode finds none. */
  readonly target: TargetLayer | null;
  /** Why the mode that needs a target found none (shown as a blocker), else null. */
  readonly targetProblem: string | null;
  /** The selected layers that could be the target (the target among them), for the designer to pick from. */
  readonly targetChoices: readonly TargetLayer[];
}

/** The layer id of a reference that came from an image file (dropped, pasted or picked), not from a layer. */
export const FILE_REFERENCE_PREFIX = 'file:';

/** A run in New layer mode asks for its placeholders (one per variation, in its row) before the provider is asked. */
export interface ReserveRequest extends Omit<GenerationParams, 'seed'> {
  /** The run's batch id (BatchSlot.batchId). */
  readonly batchId: number;
  readonly count: number;
  /** The provider's job goes on without the plugin (Runway's task): its placeholders wait for the next open. */
  readonly resumable: boolean;
  /**
   * What the run's placeholders and section are called instead of the prompt's short title: the chosen preset's label
   * while the prompt is still its starter. Longer than MAX_RUN_TITLE (core/layout.ts), the sandbox ignores it.
   */
  readonly title?: string;
}

/** Variation `index` (from 0) of the `count` one run makes; a run's new layers line up in one row. */
export interface BatchSlot {
  /** Chosen by the UI, new for every run. */
  readonly batchId: number;
  readonly index: number;
  readonly count: number;
}

/** Everything the sandbox needs to put a generated image on the canvas. */
export interface PlaceRequest extends GenerationParams {
  /** Chosen by the UI; echoed in the answer so late answers can be told apart. */
  readonly requestId: number;
  /** PNG, JPEG or GIF bytes, at most 4096 px a side (Figma's createImage limit). */
  readonly bytes: Uint8Array;
  readonly target: PlaceTarget;
  readonly batch: BatchSlot;
  /** The run's title, as in its ReserveRequest: the layer's name and notification; its record keeps the full prompt. */
  readonly title?: string;
}

/** A reference of the layer being iterated on that can't be re-selected. */
export interface MissingReference {
  readonly tag: string;
  readonly layerName: string;
  /** Deleted, on another page than the current one, or an image file (never a layer: it must be added again). */
  readonly where: 'deleted' | 'other-page' | 'file';
}

/** How the layer the plugin was relaunched from (Iterate) was made, or why that can't be read. */
export type IterateStart =
  | (Omit<GenerationParams, 'references'> & {
      readonly found: true;
      /**
       * The mode the layer was made with when its target still exists here and is none of the references
       * re-selected (the target is then selected too and picked); New layer otherwise.
       */
      readonly placeInto: PlaceInto;
      /** Saved tag per reference layer id, for the layers re-selected. */
      readonly tags: Readonly<Record<string, string>>;
      readonly missing: readonly MissingReference[];
    })
  | { readonly found: false; readonly message: string };

/** Messages from the sandbox to the UI, by type. */
export interface MainToUi {
  /**
   * The stored settings, sent once when the plugin starts, and this file's draft to restore (null when there is
   * none, or the plugin opened for Iterate or a quick action, which bring their own).
   */
  init: {
    readonly settings: Settings;
    readonly draft: Draft | null;
    /** The panel's layout as stored (parsePanelLayout reads it); null when none is. */
    readonly layout: unknown;
  };
  selection: SelectionSnapshot;
  /** An exported reference of the snapshot `version`; stale versions are ignored by the UI. */
  'reference-image': {
    readonly version: number;
    readonly id: string;
    readonly bytes: Uint8Array;
    readonly mime: ExportMime;
  };
  'reference-failed': { readonly version: number; readonly id: string; readonly message: string };
  /**
   * The answer to the save-settings of the same `id`: the settings as stored now, and why the change was
   * refused or could not be stored (then `settings` are the ones still stored), or null.
   */
  /**
   * The answer to a save: what is stored now, and why the save failed (null when it didn't): the rules' refusal
   * as a fact the panel words (settingsProblemText), or what the storage said.
   */
  'settings-stored': { readonly id: number; readonly settings: Settings; readonly error: SettingsProblem | string | null };
  placed: { readonly requestId: number; readonly nodeId: string; readonly name: string };
  'place-failed': { readonly requestId: number; readonly message: string };
  /** Sent after init when the plugin was opened with Iterate; its references are selected before the next selection. */
  iterate: IterateStart;
  /** This file's generations, newest first, at start and after each change; `notice` says how the last open went. */
  history: { readonly entries: readonly HistoryItem[]; readonly notice: string | null };
  /** Sent after init when the plugin was run as a quick action: generate from `prompt` with the selection, unseen. */
  'quick-run': { readonly prompt: string };
  /** The placeholders made for run `batchId`, by variation; null where none could be made (the image then goes beside the references). */
  reserved: { readonly batchId: number; readonly placeholders: readonly (string | null)[] };
  /**
   * Sent after init: runs started before the plugin closed whose provider job can still be fetched (the panel
   * finishes them into their placeholders), and how many of the others were interrupted or had expired (the
   * panel says so: core/pending-run's interruptedNotice).
   */
  resume: { readonly runs: readonly PendingRun[]; readonly interrupted: number; readonly expired: number };
  /** The image of the selected layer to upscale (its top image fill), as Figma holds it. */
  'upscale-source': {
    readonly layerId: string;
    readonly name: string;
    readonly hash: string;
    readonly bytes: Uint8Array;
    /** True when the layer was upscaled before: Revert to original can put its first image back. */
    readonly upscaled: boolean;
  };
  /**
   * The layer now shows the upscaled image (or, after a revert, its original); `newLayer` when the layer or its image
   * changed meanwhile, so the larger image was placed as a new layer `layerId` instead of being lost.
   */
  upscaled: { readonly layerId: string; readonly hash: string; readonly newLayer: boolean };
  /** An upscale of an earlier session is still with Runway: the panel fetches it and hands it back ('upscale'). */
  'upscale-resume': { readonly job: PendingUpscale };
  /** Why upscaling (or reverting) `layerId` could not go on; null when no layer could be found. */
  'upscale-failed': { readonly layerId: string | null; readonly message: string };
}

/** Messages from the UI to the sandbox, by type. */
export interface UiToMain {
  /** The panel's draft changed (sent debounced): kept for this file, restored when the plugin opens again. */
  'save-draft': { readonly draft: Draft };
  /** The designer edited the tag of layer `layerId`: kept for this file, so the tag comes back with the layer. */
  'save-tag': { readonly layerId: string; readonly tag: string };
  /** Changes some settings; `id` is chosen by the UI and echoed in the answer (settings-stored). */
  'save-settings': { readonly id: number; readonly patch: SettingsPatch };
  place: PlaceRequest;
  /** Makes the placeholders of a run that places new layers; answered with 'reserved'. */
  reserve: ReserveRequest;
  /** The provider accepted the job of the run that fills `placeholderId`: kept, so the image can be fetched after a close. */
  'job-started': { readonly placeholderId: string; readonly jobId: string; readonly seed: number | null };
  /**
   * Variation `batch` ended without an image (failed, cancelled, expired): its placeholder `placeholderId` goes
   * (null: none, or one kept for the next open), and its run is shown once every variation has landed or ended.
   */
  ended: { readonly batch: BatchSlot; readonly placeholderId: string | null };
  /** Shows the history entry `id`: selects its layer, or places its image again when the layer was deleted. */
  'open-history': { readonly id: string };
  /** Reuse: starts again from history entry `id` as Iterate does (answered with 'iterate' and the selection). */
  'reuse-history': { readonly id: string };
  /** The designer chose another Place into mode: the sandbox reads the selection again for it. */
  'place-into': { readonly mode: PlaceInto };
  /** Makes this selected layer the target (Place into: Selected layer or Region) while it stays selected. */
  'choose-target': { readonly layerId: string };
  /**
   * The designer resized the panel or opened or closed History: the panel takes the size at once; with `final`
   * (the drag ended, History toggled) the layout is kept for the next open.
   */
  layout: PanelLayout & { readonly final: boolean };
  /** Asks for the image of the one selected layer to upscale ('upscale-source', or 'upscale-failed' saying why). */
  'get-upscale-source': Record<never, never>;
  /**
   * Puts the upscaled `bytes` in place of image `job.hash` in layer `job.layerId` (one undo step), records it in
   * History and forgets the pending upscale; answered with 'upscaled' or 'upscale-failed'.
   */
  upscale: { readonly job: UpscaleDone; readonly bytes: Uint8Array };
  /** Revert to original: layer `layerId`, while it shows `hash`, shows the image it had before its first upscale. */
  'revert-upscale': { readonly layerId: string; readonly hash: string };
  /** Runway took the upscale `job`: kept, so its image can be put in place after a close; null: it ended without one. */
  'upscale-job': { readonly job: PendingUpscale | null };
  /** A quick run placed its layer (the placing said so): the sandbox closes the plugin once it has finished placing. */
  'quick-done': Record<never, never>;
  /** A quick run ended without a layer: the sandbox shows `message` as an error and closes the plugin. */
  'quick-failed': { readonly message: string };
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
  'iterate',
  'history',
  'quick-run',
  'reserved',
  'resume',
  'upscale-source',
  'upscaled',
  'upscale-resume',
  'upscale-failed',
];

export const UI_TO_MAIN_TYPES: readonly (keyof UiToMain)[] = [
  'save-settings',
  'save-draft',
  'save-tag',
  'place',
  'reserve',
  'job-started',
  'ended',
  'place-into',
  'choose-target',
  'open-history',
  'reuse-history',
  'layout',
  'get-upscale-source',
  'upscale',
  'revert-upscale',
  'upscale-job',
  'quick-done',
  'quick-failed',
];

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

/**
 * Selected layers exported as reference cards. More than a request takes, so that the prompt can choose among them
 * (a mentioned @Mug is sent before an unmentioned layer); few enough that a whole page selected by mistake does not
 * export for a minute.
 */
export const MAX_OFFERED_REFERENCES = 8;
