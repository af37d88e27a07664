// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../../core/place-into';
import type { SelectedLayer } from '../../../core/protocol';
import { generateBlockers, type Readiness } from '../../../ui/state/readiness';
import { NO_REFERENCES, referencesReducer, usableCards, type ReferencesAction, type ReferencesState } from '../../../ui/state/references';

const layers: SelectedLayer[] = [
  { id: '1', name: 'Beach walk', width: 10, height: 10, savedTag: null, tagBase: 'Beach walk' },
  { id: '2', name: 'Dog', width: 10, height: 10, savedTag: null, tagBase: 'Dog' },
];

function references(...actions: ReferencesAction[]): ReferencesState {
  return [{ type: 'snapshot', snapshot: { version: 1, layers, skipped: [], ...NO_TARGET } } as ReferencesAction, ...actions].reduce(
    referencesReducer,
    NO_REFERENCES,
  );
}

const bothReady = references(
  { type: 'prepared', version: 1, id: '1', uri: 'data:image/jpeg;base64,AA==' },
  { type: 'prepared', version: 1, id: '2', uri: 'data:image/jpeg;base64,AQ==' },
);

/** The blockers for `overrides`; every usable card is sent unless `sent` says otherwise. */
function blockers(overrides: Partial<Readiness>): string[] {
  const shown = overrides.references ?? bothReady;
  return generateBlockers({
    sent: usableCards(shown),
    providerLabel: 'Segmind',
    needsRelay: false,
    hasRelay: false,
    hasKey: true,
    seedProblem: null,
    promptBlockers: [],
    references: bothReady,
    minReferences: 1,
    ...overrides,
  });
}

describe('generateBlockers', () => {
  it('is empty when everything is in place', () => {
    expect(blockers({})).toEqual([]);
  });

  it('asks for a key', () => {
    expect(blockers({ hasKey: false })).toEqual(['Save your Segmind API key in Settings.']);
  });

  it("names the chosen provider's key", () => {
    expect(blockers({ hasKey: false, providerLabel: 'Runway', hasRelay: false })).toEqual(['Save your Runway API key in Settings.']);
  });

  it('needs no key when a relay is set: the relay may hold the team’s key', () => {
    expect(blockers({ hasKey: false, hasRelay: true })).toEqual([]);
  });

  it('asks for a relay, not a key, for a provider reached only through one', () => {
    const runway = { providerLabel: 'Runway', needsRelay: true };
    expect(blockers({ ...runway, hasKey: false })).toEqual([
      'Runway is reached through a relay: start one with `npm run relay` and paste its URL in Settings.',
    ]);
    expect(blockers({ ...runway, hasKey: true })).toEqual([
      'Runway is reached through a relay: start one with `npm run relay` and paste its URL in Settings.',
    ]);
    expect(blockers({ ...runway, hasKey: false, hasRelay: true })).toEqual([]);
  });

  it('passes a seed problem through, last', () => {
    expect(blockers({ seedProblem: 'A seed is a whole number from 0 to 2147483647.', promptBlockers: ['Write a prompt.'] })).toEqual([
      'Write a prompt.',
      'A seed is a whole number from 0 to 2147483647.',
    ]);
  });

  it('passes the prompt blockers through', () => {
    expect(blockers({ promptBlockers: ['Write a prompt.'] })).toEqual(['Write a prompt.']);
  });

  it('asks for a selection when there is none, unless the provider needs no reference', () => {
    expect(blockers({ references: NO_REFERENCES })).toEqual(['Select at least one layer on the canvas to use as a reference.']);
    expect(blockers({ references: NO_REFERENCES, minReferences: 2 })).toEqual([
      'Select at least 2 layers on the canvas to use as a reference.',
    ]);
    expect(blockers({ references: NO_REFERENCES, minReferences: 0 })).toEqual([]);
  });

  it('waits while any sent reference is exporting or preparing', () => {
    expect(blockers({ references: references() })).toEqual(['Waiting for 2 references to finish exporting.']);
    const oneLeft = references(
      { type: 'prepared', version: 1, id: '1', uri: 'data:image/jpeg;base64,AA==' },
      { type: 'exported', version: 1, id: '2' },
    );
    expect(blockers({ references: oneLeft })).toEqual(['Waiting for 1 reference to finish exporting.']);
  });

  it('waits only for the cards that are sent: one left out of the request may still be preparing', () => {
    const oneLeft = references({ type: 'prepared', version: 1, id: '1', uri: 'data:image/jpeg;base64,AA==' });
    expect(blockers({ references: oneLeft, sent: oneLeft.cards.slice(0, 1) })).toEqual([]);
    expect(blockers({ references: oneLeft, sent: oneLeft.cards.slice(1) })).toEqual(['Waiting for 1 reference to finish exporting.']);
  });

  it('says so when no reference could be exported, and allows a partial set', () => {
    const failed = references({ type: 'failed', version: 1, id: '1', message: 'a' }, { type: 'failed', version: 1, id: '2', message: 'b' });
    expect(blockers({ references: failed })).toEqual(['None of the selected layers could be exported: see the messages on their cards.']);
    const oneFailed = references(
      { type: 'failed', version: 1, id: '1', message: 'a' },
      { type: 'prepared', version: 1, id: '2', uri: 'data:image/jpeg;base64,AA==' },
    );
    expect(blockers({ references: oneFailed })).toEqual([]);
    expect(blockers({ references: oneFailed, minReferences: 2 })).toEqual([
      'Only 1 reference could be exported; the model needs at least 2.',
    ]);
  });

  it('names the card of each tag problem', () => {
    const bad = referencesReducer(bothReady, { type: 'tag', id: '2', tag: 'beach_WALK' });
    expect(blockers({ references: bad })).toEqual([
      'Tag for “Dog”: "beach_WALK" is already used by another reference; tags must be unique.',
    ]);
  });

  it('lists every reason at once, key first', () => {
    const bad = referencesReducer(references(), { type: 'tag', id: '1', tag: 'a b' });
    expect(blockers({ hasKey: false, promptBlockers: ['Write a prompt.'], references: bad })).toEqual([
      'Save your Segmind API key in Settings.',
      'Write a prompt.',
      'Waiting for 2 references to finish exporting.',
      'Tag for “Beach walk”: Use only letters A–Z, digits and _ (no spaces or accents).',
    ]);
  });
});
