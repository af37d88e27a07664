// The UI iframe's entry: wires the real bridge, providers and canvas pipeline into the panel.
import { render } from 'preact';
import { App } from './app';
import { createBridge } from './bridge';
import { toFigmaImageAsync } from './image/figma-image';
import { prepareReferenceAsync } from './image/prepare-reference';
import { cachePrepared } from './image/prepared-cache';
import { thumbnailAsync } from './image/thumbnail';
import { providerFor } from './providers/registry';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  render(
    <App
      services={{
        bridge: createBridge(window),
        providerFor: (choice) => providerFor(choice),
        // Reselected layers come back as the same bytes: their references are reused, not prepared again.
        prepareReferenceAsync: cachePrepared(prepareReferenceAsync),
        thumbnailAsync,
        toFigmaImageAsync,
      }}
    />,
    root,
  );
}
