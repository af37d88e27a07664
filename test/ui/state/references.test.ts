// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../../core/place-into';
import { MAX_OFFERED_REFERENCES } from '../../../core/protocol';
import type { SelectedLayer, SelectionSnapshot } from '../../../core/protocol';
import {
  NO_REFERENCES,
  cardTagProblems,
  isPending,
  isReady,
  referencesReducer,
  usableCards,
  type ReferencesAction,
  type ReferencesState,
} from '../../../ui/state/references';

function layer(id: string, name: string): SelectedLayer {
  return { id, name, width: 400, height: 300, savedTag: null, tagBase: name };
}

function snapshot(version: number, layers: SelectedLayer[], skipped: SelectionSnapshot['skipped'] = []): ReferencesAction {
  return { type: 'snapshot', snapshot: { version, layers, skipped, ...NO_TARGET } };
}

function apply(...actions: ReferencesAction[]): ReferencesState {
  return actions.reduce(referencesReducer, NO_REFERENCES);
}

const tags = (state: ReferencesState): string[] => state.cards.map((card) => card.tag);

describe('snapshots', () => {
  it('makes one exporting card per layer with default tags', () => {
    const state = apply(snapshot(1, [layer('1', 'Beach walk'), layer('2', '1'), layer('3', 'Модель')]));
    expect(state.version).toBe(1);
    expect(tags(state)).toEqual(['Beach_walk', 'ref_1', 'Model']);
    expect(state.cards.map((card) => card.image.state)).toEqual(['exporting', 'exporting', 'exporting']);
  });

  it('makes repeated names unique', () => {
    expect(tags(apply(snapshot(1, [layer('1', 'Frame'), layer('2', 'Frame'), layer('3', 'frame')])))).toEqual([
      'Frame',
      'Frame_2',
      'frame_3',
    ]);
  });

  it('offers the first eight layers as cards, more than a request takes, and lists the rest as not offered, without tags', () => {
    const layers = Array.from({ length: 10 }, (_, i) => layer(String(i), `Layer ${String.fromCharCode(65 + i)}`));
    const state = apply(snapshot(1, layers));
    expect(state.cards.map((card) => card.name)).toEqual(layers.slice(0, MAX_OFFERED_REFERENCES).map((l) => l.name));
    expect(state.notOffered.map((l) => l.name)).toEqual(['Layer I', 'Layer J']);
    expect(state.tags['8']).toBeUndefined();
  });

  it('carries the skipped layers with their reasons', () => {
    const state = apply(snapshot(1, [], [{ id: '9', name: 'Slice', reason: { code: 'slice' } }]));
    expect(state.skipped).toEqual([{ id: '9', name: 'Slice', reason: { code: 'slice' } }]);
    expect(state.cards).toEqual([]);
  });

  it('ignores a snapshot older than the one shown', () => {
    const shown = apply(snapshot(5, [layer('1', 'New')]));
    expect(referencesReducer(shown, snapshot(4, [layer('2', 'Old')]))).toBe(shown);
  });
});

describe('tags across snapshots', () => {
  it('keeps an edited tag when the layer is deselected and selected again', () => {
    const state = apply(
      snapshot(1, [layer('1', 'Beach walk')]),
      { type: 'tag', id: '1', tag: 'Shore' },
      snapshot(2, [layer('2', 'Dog')]),
      snapshot(3, [layer('2', 'Dog'), layer('1', 'Beach walk')]),
    );
    expect(tags(state)).toEqual(['Dog', 'Shore']);
  });

  it('keeps an existing default when a layer is added, and gives the new one a tag that does not clash', () => {
    const state = apply(snapshot(1, [layer('1', 'Model')]), snapshot(2, [layer('1', 'Model'), layer('2', 'Model')]));
    expect(tags(state)).toEqual(['Model', 'Model_2']);
  });

  it('gives a new layer a default that avoids an edited tag', () => {
    const state = apply(
      snapshot(1, [layer('1', 'Hero')]),
      { type: 'tag', id: '1', tag: 'Jacket' },
      snapshot(2, [layer('1', 'Hero'), layer('2', 'Jacket')]),
    );
    expect(tags(state)).toEqual(['Jacket', 'Jacket_2']);
  });

  it('re-derives a remembered default that now clashes with an edited tag, never the edit', () => {
    const state = apply(
      snapshot(1, [layer('2', 'Model')]),
      snapshot(2, [layer('1', 'Hero')]),
      { type: 'tag', id: '1', tag: 'Model' },
      snapshot(3, [layer('2', 'Model'), layer('1', 'Hero')]),
    );
    expect(tags(state)).toEqual(['Model_2', 'Model']);
  });

  it('keeps a clash between two edits and flags it instead of changing either', () => {
    const state = apply(
      snapshot(1, [layer('1', 'One'), layer('2', 'Two')]),
      { type: 'tag', id: '1', tag: 'Same' },
      { type: 'tag', id: '2', tag: 'same' },
      snapshot(2, [layer('2', 'Two'), layer('1', 'One')]),
    );
    expect(tags(state)).toEqual(['same', 'Same']);
    expect(cardTagProblems(state)[0]).toBeNull();
    expect(cardTagProblems(state)[1]).toMatch(/already used/);
  });
});

describe('images', () => {
  const base = apply(snapshot(2, [layer('1', 'Beach walk'), layer('2', 'Dog')]));

  it('moves a card from exporting to preparing to ready', () => {
    const exported = referencesReducer(base, { type: 'exported', version: 2, id: '1' });
    expect(exported.cards[0]?.image).toEqual({ state: 'preparing' });
    const ready = referencesReducer(exported, { type: 'prepared', version: 2, id: '1', uri: 'data:image/jpeg;base64,AA==' });
    expect(ready.cards[0]?.image).toEqual({ state: 'ready', uri: 'data:image/jpeg;base64,AA==' });
    expect(ready.cards.filter(isReady).map((card) => card.id)).toEqual(['1']);
    expect(ready.cards.filter(isPending).map((card) => card.id)).toEqual(['2']);
  });

  it('records a failure on its card and leaves it out of the usable cards', () => {
    const failed = referencesReducer(base, { type: 'failed', version: 2, id: '2', message: "Couldn't export “Dog”: boom" });
    expect(failed.cards[1]?.image).toEqual({ state: 'failed', message: "Couldn't export “Dog”: boom" });
    expect(usableCards(failed).map((card) => card.id)).toEqual(['1']);
  });

  it.each<ReferencesAction>([
    { type: 'exported', version: 1, id: '1' },
    { type: 'prepared', version: 1, id: '1', uri: 'data:image/png;base64,AA==' },
    { type: 'failed', version: 1, id: '1', message: 'old' },
    { type: 'prepared', version: 2, id: 'not-shown', uri: 'data:image/png;base64,AA==' },
  ])('ignores an answer for another snapshot or layer: %j', (action) => {
    expect(referencesReducer(base, action)).toBe(base);
  });
});

describe('cardTagProblems', () => {
  it('flags invalid and duplicate tags at their cards', () => {
    const state = apply(
      snapshot(1, [layer('1', 'One'), layer('2', 'Two'), layer('3', 'Three')]),
      { type: 'tag', id: '1', tag: '9lives' },
      { type: 'tag', id: '3', tag: 'two' },
    );
    const problems = cardTagProblems(state);
    expect(problems[0]).toBe('A tag starts with a letter (A–Z).');
    expect(problems[1]).toBeNull();
    expect(problems[2]).toMatch(/"two" is already used/);
  });

  it('does not count the tag of a failed card', () => {
    const state = apply(
      snapshot(1, [layer('1', 'One'), layer('2', 'Two')]),
      { type: 'tag', id: '2', tag: 'One' },
      { type: 'failed', version: 1, id: '1', message: 'no' },
    );
    expect(cardTagProblems(state)).toEqual([null, null]);
  });
});
