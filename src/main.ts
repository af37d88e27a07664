// The sandbox's entry: opens the panel and wires Figma's events and the UI's messages to their modules.
import { listenToUi, postToUi } from './channel';
import { isPlaceInto } from '../core/place-into';
import { DEFAULT_PANEL_SIZE, PANEL_LAYOUT_STORAGE_KEY } from '../core/panel-layout';
import { ITERATE_COMMAND, UPSCALE_COMMAND } from './generated-layer';
import { openHistoryAsync, refreshHistoryAsync, reuseHistoryAsync, sendHistoryAsync } from './history';
import { startIterationAsync } from './iterate';
import { placeResultAsync } from './place-result';
import { createTargetFinder } from './place-into';
import { createQuickRun, QUICK_RUN_UI_OPTIONS, suggestQuickParameters } from './quick-action';
import type { QuickRun } from './quick-action';
import { endVariationAsync, interruptUnfinished, jobStartedAsync, openPendingRunsAsync, reservePlaceholdersAsync } from './placeholders';
import { createReferenceFeed } from './reference-feed';
import { withSavedTags } from './selection';
import { noteUpscaleJobAsync, placeUpscaleAsync, resumeUpscaleAsync, revertUpscaleAsync, sendUpscaleSourceAsync } from './upscale';
import { parseUpscaleDone } from '../core/upscale';
import { createSettingsStore } from './settings';
import type { Settings } from '../core/settings';
import { parseDraft } from '../core/workspace';
import { loadWorkspaceAsync } from './workspace';
import type { WorkspaceStore } from './workspace';

figma.parameters.on('input', suggestQuickParameters);

const targets = createTargetFinder();
const settings = createSettingsStore();
/** This file's draft and tags, read when the plugin opens (before the first selection is sent). */
let workspace: Promise<WorkspaceStore> | null = null;
let savedTag: WorkspaceStore['savedTag'] = () => null;
const feed = createReferenceFeed((selection, version) => withSavedTags(targets.read(selection, version), savedTag));
/** Set when this run is a quick action: its panel is hidden and generates on its own. */
let quick: QuickRun | null = null;
listenToUi({
  'save-settings': (message) => void settings.saveAsync(message.id, message.patch),
  'save-draft': (message) => {
    const draft = parseDraft(message.draft);
    if (draft) void workspace?.then((store) => store.saveDraftAsync(draft));
  },
  'save-tag': ({ layerId, tag }) => {
    if (typeof layerId === 'string' && typeof tag === 'string') void workspace?.then((store) => store.saveTagAsync(layerId, tag));
  },
  reserve: (message) => {
    void reservePlaceholdersAsync(message).then((placeholders) => postToUi('reserved', { batchId: message.batchId, placeholders }));
  },
  'job-started': (message) => void jobStartedAsync(message.placeholderId, message.jobId, message.seed),
  ended: (message) => void endVariationAsync(message.batch, message.placeholderId),
  place: (message) => {
    const placing = placeResultAsync(message, { beforeSelect: feed.holdFor });
    quick?.holdCloseFor(placing);
  },
  'open-history': (message) => void openHistoryAsync(message.id, { beforeSelect: feed.holdFor }),
  'reuse-history': (message) => void reuseHistoryAsync(message.id, targets),
  'place-into': (message) => {
    if (isPlaceInto(message.mode) && targets.setMode(message.mode)) feed.reread();
  },
  'choose-target': (message) => {
    if (targets.choose(message.layerId)) feed.reread();
  },
  // The panel checked the layout (core/panel-layout): Figma refuses a size it can't take.
  layout: ({ width, height, historyOpen, final }) => {
    try {
      figma.ui.resize(width, height);
    } catch {
      return;
    }
    if (final) void figma.clientStorage.setAsync(PANEL_LAYOUT_STORAGE_KEY, { width, height, historyOpen }).catch(() => undefined);
  },
  'get-upscale-source': () => void sendUpscaleSourceAsync(),
  upscale: ({ job, bytes }) => {
    const done = parseUpscaleDone(job);
    if (done && bytes instanceof Uint8Array) void placeUpscaleAsync(done, bytes, { beforeSelect: feed.holdFor });
  },
  'revert-upscale': ({ layerId, hash }) => {
    if (typeof layerId === 'string' && typeof hash === 'string') void revertUpscaleAsync(layerId, hash);
  },
  'upscale-job': ({ job }) => void noteUpscaleJobAsync(job),
  'quick-done': () => quick?.done(),
  'quick-failed': (message) => quick?.failed(message.message),
});

// Figma runs this code as soon as the quick action starts, to suggest values while its parameters are typed;
// 'run' comes when they are entered (at once from the menu). So the panel opens then, hidden for a quick action.
figma.on('run', ({ parameters }) => {
  quick = parameters ? createQuickRun(parameters) : null;
  figma.showUI(__html__, quick ? QUICK_RUN_UI_OPTIONS : { ...DEFAULT_PANEL_SIZE, themeColors: true });
  workspace = loadWorkspaceAsync();
  // Closing allows only synchronous work: what can't go on without the plugin is marked on the canvas now.
  figma.on('close', interruptUnfinished);
  // The stored settings go first, so the panel knows about the key before it shows any reference.
  const layout = figma.clientStorage.getAsync(PANEL_LAYOUT_STORAGE_KEY).catch(() => null);
  void Promise.all([settings.loadAsync(), workspace, layout]).then(([loaded, store, shape]) => start(loaded, store, shape));
});

async function start(loaded: Settings, store: WorkspaceStore, layout: unknown): Promise<void> {
  const runSettings = quick ? quick.settingsFor(loaded) : loaded;
  if (runSettings === null) return;
  savedTag = store.savedTag;
  // Iterate and a quick action bring their own prompt: the draft would only be in their way.
  const draft = quick || figma.command === ITERATE_COMMAND ? null : store.draft;
  // The layout as stored: the panel checks it and asks for its size back.
  postToUi('init', { settings: runSettings, draft, layout: layout ?? null });
  // Opened from a layer's Upscale button: the panel starts with its image.
  if (figma.command === UPSCALE_COMMAND) void sendUpscaleSourceAsync();
  quick?.start();
  // Iterate re-selects the layer's references (and restores its target): the panel hears how it was made before
  // it sees them. The selectionchange that re-selecting causes brings nothing new: the feed sends a selection once.
  if (figma.command === ITERATE_COMMAND) await startIterationAsync(targets);
  for (const event of ['selectionchange', 'currentpagechange'] as const) {
    figma.on(event, feed.refresh);
    // Deleting a layer changes the selection: History shows it deleted at once.
    figma.on(event, refreshHistoryAsync);
  }
  feed.refresh();
  void sendHistoryAsync();
  // A quick run closes as soon as its own image is placed: runs of earlier sessions wait for the panel.
  if (!quick) {
    const pending = await openPendingRunsAsync();
    if (pending.runs.length + pending.interrupted + pending.expired > 0) postToUi('resume', pending);
    await resumeUpscaleAsync();
  }
}
