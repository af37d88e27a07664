// The sandbox's entry: opens the panel and wires Figma's events and the UI's messages to their modules.
import { listenToUi, postToUi } from './channel';
import { isPlaceInto } from '../core/place-target';
import { ITERATE_COMMAND } from './generated-layer';
import { openHistoryAsync, sendHistoryAsync } from './history';
import { startIterationAsync } from './iterate';
import { placeResultAsync } from './place-result';
import { createTargeting } from './place-target';
import { createQuickRun, QUICK_RUN_UI_OPTIONS, suggestQuickParameters } from './quick-action';
import type { QuickRun } from './quick-action';
import { createReferenceFeed } from './reference-feed';
import { createSettingsStore } from './settings';
import type { Settings } from '../core/settings';

figma.parameters.on('input', suggestQuickParameters);

const targeting = createTargeting();
const feed = createReferenceFeed(targeting.read);
const settings = createSettingsStore();
/** Set when this run is a quick action: its panel is hidden and generates on its own. */
let quick: QuickRun | null = null;
listenToUi({
  'save-settings': (message) => void settings.saveAsync(message.id, message.patch),
  place: (message) => {
    const placing = placeResultAsync(message, { beforeSelect: feed.holdFor });
    quick?.holdCloseFor(placing);
  },
  'open-history': (message) => void openHistoryAsync(message.id, { beforeSelect: feed.holdFor }),
  'place-into': (message) => {
    if (isPlaceInto(message.mode) && targeting.setMode(message.mode)) feed.reread();
  },
  'choose-target': (message) => {
    if (targeting.choose(message.layerId)) feed.reread();
  },
  'quick-done': () => quick?.done(),
  'quick-failed': (message) => quick?.failed(message.message),
});

// Figma runs this code as soon as the quick action starts, to suggest values while its parameters are typed;
// 'run' comes when they are entered (at once from the menu). So the panel opens then, hidden for a quick action.
figma.on('run', ({ parameters }) => {
  quick = parameters ? createQuickRun(parameters) : null;
  figma.showUI(__html__, quick ? QUICK_RUN_UI_OPTIONS : { width: 360, height: 640, themeColors: true });
  // The stored settings go first, so the panel knows about the key before it shows any reference.
  void settings.loadAsync().then(start);
});

async function start(loaded: Settings): Promise<void> {
  const runSettings = quick ? quick.settingsFor(loaded) : loaded;
  if (runSettings === null) return;
  postToUi('init', { settings: runSettings });
  quick?.start();
  // Iterate re-selects the layer's references (and restores its target): the panel hears how it was made before
  // it sees them. The selectionchange that re-selecting causes brings nothing new: the feed sends a selection once.
  if (figma.command === ITERATE_COMMAND) await startIterationAsync(targeting);
  figma.on('selectionchange', feed.refresh);
  figma.on('currentpagechange', feed.refresh);
  feed.refresh();
  void sendHistoryAsync();
}
