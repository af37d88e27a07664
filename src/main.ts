// The sandbox's entry: opens the panel and wires Figma's events and the UI's messages to their modules.
import { listenToUi, postToUi } from './channel';
import { placeResultAsync } from './place-result';
import { createReferenceFeed } from './reference-feed';
import { createSettingsStore } from './settings';

figma.showUI(__html__, { width: 360, height: 640, themeColors: true });

const feed = createReferenceFeed();
const settings = createSettingsStore();
listenToUi({
  'save-settings': (message) => void settings.saveAsync(message.id, message.patch),
  place: (message) => void placeResultAsync(message, { beforeSelect: feed.holdFor }),
});

// The stored settings go first, so the panel knows about the key before it shows any reference.
void settings.loadAsync().then((loaded) => {
  postToUi('init', { settings: loaded });
  figma.on('selectionchange', feed.refresh);
  figma.on('currentpagechange', feed.refresh);
  feed.refresh();
});
