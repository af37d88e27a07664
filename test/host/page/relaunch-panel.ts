// The relaunch buttons Figma's properties panel shows for the selection: one per command in the selected layers'
// relaunch data that the manifest's relaunchButtons declare. Clicking one runs the plugin with that command
// (figma.command), as the plugin's Iterate button does in Figma.
import type { HostApi, LayerInfo } from '../host-api';

/** A manifest relaunchButtons entry. */
export interface ManifestRelaunchButton {
  readonly command: string;
  readonly name: string;
  /** Figma shows the button for a selection of several layers only when this is set. */
  readonly multipleSelection?: boolean;
}

export interface ShownRelaunchButton {
  readonly command: string;
  readonly name: string;
  /** The layer's description of the command; Figma shows it only for a single layer. */
  readonly description: string;
}

/** The buttons for `selected`: commands every selected layer carries, in the manifest's order. */
export function relaunchButtonsFor(selected: readonly LayerInfo[], buttons: readonly ManifestRelaunchButton[]): ShownRelaunchButton[] {
  if (selected.length === 0) return [];
  return buttons
    .filter((button) => selected.length === 1 || button.multipleSelection === true)
    .filter((button) => selected.every((layer) => Object.hasOwn(layer.relaunchData, button.command)))
    .map((button) => ({
      command: button.command,
      name: button.name,
      description: selected.length === 1 ? (selected[0]!.relaunchData[button.command] ?? '') : '',
    }));
}

/** Reads manifest.json's relaunchButtons; throws naming what is wrong. */
export function readRelaunchButtons(value: unknown): ManifestRelaunchButton[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error('manifest.json "relaunchButtons" must be a list');
  return value.map((entry: unknown, i) => {
    const { command, name, multipleSelection } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof command !== 'string' || command === '' || typeof name !== 'string' || name === '') {
      throw new Error(`manifest.json relaunchButtons[${i}] needs "command" and "name" (strings)`);
    }
    return { command, name, ...(multipleSelection === true ? { multipleSelection: true } : {}) };
  });
}

/** Fills `panel` with the selection's buttons; the returned function brings it up to date (call on every change). */
export function mountRelaunchPanel(
  host: HostApi,
  panel: HTMLElement,
  buttons: readonly ManifestRelaunchButton[],
  onError: (error: unknown) => void,
): () => void {
  let shown = '';
  return () => {
    const ids = new Set(host.selection());
    const selected = host.layers().filter((layer) => ids.has(layer.id));
    const wanted = relaunchButtonsFor(selected, buttons);
    // Rebuilt only when the buttons change: a click must not land on a button replaced under the pointer.
    const key = JSON.stringify(wanted);
    if (key === shown) return;
    shown = key;
    panel.hidden = wanted.length === 0;
    panel.replaceChildren(
      ...wanted.map(({ command, name, description }) => {
        const row = document.createElement('div');
        row.className = 'relaunch';
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = name;
        button.dataset.command = command;
        button.addEventListener('click', () => void host.openPlugin({ command }).catch(onError));
        row.append(button);
        if (description !== '') {
          const text = document.createElement('p');
          text.textContent = description;
          row.append(text);
        }
        return row;
      }),
    );
  };
}
