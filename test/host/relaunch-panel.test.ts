// Which relaunch buttons the host's properties panel shows for a selection, by Figma's rules, and the manifest check.
import { describe, expect, it } from 'vitest';
import type { LayerInfo } from './host-api';
import { layerInfo } from './layer-info';
import { readRelaunchButtons, relaunchButtonsFor } from './page/relaunch-panel';

const layer = (id: string, relaunchData: Record<string, string>): LayerInfo => layerInfo(id, { relaunchData });

const BUTTONS = [
  { command: 'iterate', name: 'Iterate' },
  { command: 'edit', name: 'Edit', multipleSelection: true },
];

describe('relaunchButtonsFor', () => {
  it('one layer → each declared command in its relaunch data, in the manifest’s order, with its description', () => {
    const one = layer('a', { edit: 'Edit it', iterate: 'Generate again from this layer' });
    expect(relaunchButtonsFor([one], BUTTONS)).toEqual([
      { command: 'iterate', name: 'Iterate', description: 'Generate again from this layer' },
      { command: 'edit', name: 'Edit', description: 'Edit it' },
    ]);
  });

  it('a command the manifest doesn’t declare, no relaunch data, or no selection → no button', () => {
    expect(relaunchButtonsFor([layer('a', { other: 'x' })], BUTTONS)).toEqual([]);
    expect(relaunchButtonsFor([layer('a', {})], BUTTONS)).toEqual([]);
    expect(relaunchButtonsFor([], BUTTONS)).toEqual([]);
  });

  it('several layers → only multipleSelection commands that every one carries, without descriptions', () => {
    const a = layer('a', { iterate: 'x', edit: 'y' });
    const b = layer('b', { iterate: 'x', edit: 'z' });
    expect(relaunchButtonsFor([a, b], BUTTONS)).toEqual([{ command: 'edit', name: 'Edit', description: '' }]);
    expect(relaunchButtonsFor([a, layer('c', { iterate: 'x' })], BUTTONS)).toEqual([]);
  });
});

describe('readRelaunchButtons', () => {
  it('reads the entries, and none when the manifest has none', () => {
    expect(
      readRelaunchButtons([
        { command: 'iterate', name: 'Iterate' },
        { command: 'e', name: 'E', multipleSelection: true },
      ]),
    ).toEqual([
      { command: 'iterate', name: 'Iterate' },
      { command: 'e', name: 'E', multipleSelection: true },
    ]);
    expect(readRelaunchButtons(undefined)).toEqual([]);
  });

  it('refuses what isn’t a list of {command, name}', () => {
    expect(() => readRelaunchButtons({})).toThrow('manifest.json "relaunchButtons" must be a list');
    expect(() => readRelaunchButtons([{ command: 'iterate' }])).toThrow(
      'manifest.json relaunchButtons[0] needs "command" and "name" (strings)',
    );
  });
});
