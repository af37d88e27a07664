import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../../core/place-into';
import type { SelectedLayer } from '../../../core/protocol';
import type { ImageFile } from '../../../ui/image/read-file';
import {
  droppedFilesReducer,
  fileTag,
  isFileId,
  NO_FILES,
  withFileCards,
  type DroppedFiles,
  type DroppedFilesAction,
} from '../../../ui/state/dropped-files';
import { NO_REFERENCES, cardTagProblems, isReady, referencesReducer, type ReferencesState } from '../../../ui/state/references';

const MAX = 3;

function file(name: string, last = 1): ImageFile {
  return { name, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, last]), mime: 'image/png' };
}

function add(files: ImageFile[], options: { refused?: string[]; layerTags?: string[]; max?: number } = {}): DroppedFilesAction {
  return { type: 'add', files, refused: options.refused ?? [], maxReferences: options.max ?? MAX, layerTags: options.layerTags ?? [] };
}

function apply(...actions: DroppedFilesAction[]): DroppedFiles {
  return actions.reduce(droppedFilesReducer, NO_FILES);
}

function layers(...names: string[]): ReferencesState {
  const selected: SelectedLayer[] = names.map((name, i) => ({
    id: `1:${i}`,
    name,
    width: 400,
    height: 300,
    savedTag: null,
    tagBase: name,
  }));
  return referencesReducer(NO_REFERENCES, { type: 'snapshot', snapshot: { version: 1, layers: selected, skipped: [], ...NO_TARGET } });
}

describe('tags from file names', () => {
  it.each([
    ['Red dress.png', [], 'Red_dress'],
    ['2024 banner.jpeg', [], 'ref_2024_banner'],
    ['Модель.webp', [], 'Model'],
    ['IMG_0001.JPG', [], 'IMG_0001'],
    ['image.png', ['image'], 'image_2'],
    ['archive.tar.png', [], 'archive_tar'],
    ['Red dress.png', ['red_dress'], 'Red_dress_2'],
  ] as const)('%s with %j taken → %s', (name, taken, tag) => {
    expect(fileTag(name, taken)).toBe(tag);
  });
});

describe('adding files', () => {
  it('makes a preparing file card per file with a tag unique against the layer cards and each other', () => {
    const state = apply(add([file('Dog.png'), file('Dog.jpg')], { layerTags: ['dog'] }));
    expect(state.cards.map(({ id, name, tag, image }) => ({ id, name, tag, image }))).toEqual([
      { id: 'file:1', name: 'Dog.png', tag: 'Dog_2', image: { state: 'preparing' } },
      { id: 'file:2', name: 'Dog.jpg', tag: 'Dog_3', image: { state: 'preparing' } },
    ]);
    expect(state.cards.every((card) => isFileId(card.id))).toBe(true);
    expect(isFileId('1:2')).toBe(false);
  });

  it('keeps the bytes with the card until they are prepared', () => {
    const source = file('Red dress.png', 7);
    expect(apply(add([source])).cards[0]?.source).toBe(source);
  });

  it('refuses files beyond what one request takes, whatever layers are selected, naming each', () => {
    const state = apply(
      add([file('a.png'), file('b.png')], { layerTags: ['One', 'Two'] }),
      add([file('c.png'), file('d.png')], { layerTags: ['One', 'Two'] }),
    );
    expect(state.cards.map((card) => card.name)).toEqual(['a.png', 'b.png', 'c.png']);
    expect(state.notices).toEqual(["“d.png” wasn't added: the model takes at most 3 references. Remove one first."]);
  });

  it('shows the refusals of the last drop only, checks first', () => {
    const state = apply(
      add([file('a.png'), file('b.png')], { refused: ['old'] }),
      add([file('c.png'), file('d.png')], { refused: ["“notes.pdf” isn't an image: drop a PNG, JPEG or WebP"] }),
    );
    expect(state.notices).toEqual([
      "“notes.pdf” isn't an image: drop a PNG, JPEG or WebP",
      "“d.png” wasn't added: the model takes at most 3 references. Remove one first.",
    ]);
  });

  it('never reuses an id, so a removed card cannot take a later answer', () => {
    const state = apply(add([file('a.png')]), { type: 'remove', id: 'file:1' }, add([file('b.png')]), {
      type: 'prepared',
      id: 'file:1',
      uri: 'data:old',
    });
    expect(state.cards.map(({ id, image }) => [id, image.state])).toEqual([['file:2', 'preparing']]);
  });
});

describe('preparing, tagging and removing', () => {
  it('marks a prepared card ready with its data URI', () => {
    const state = apply(add([file('a.png'), file('b.png')]), { type: 'prepared', id: 'file:2', uri: 'data:image/jpeg;base64,AA' });
    expect(state.cards.map((card) => card.image)).toEqual([{ state: 'preparing' }, { state: 'ready', uri: 'data:image/jpeg;base64,AA' }]);
  });

  it('drops a card whose image cannot be prepared and says why', () => {
    const state = apply(add([file('broken.png'), file('b.png')]), {
      type: 'unusable',
      id: 'file:1',
      message: "Couldn't use “broken.png”: couldn't decode the image",
    });
    expect(state.cards.map((card) => card.name)).toEqual(['b.png']);
    expect(state.notices).toEqual(["Couldn't use “broken.png”: couldn't decode the image"]);
  });

  it('ignores a failure for a card already removed', () => {
    const removed = apply(add([file('a.png')]), { type: 'remove', id: 'file:1' });
    expect(droppedFilesReducer(removed, { type: 'unusable', id: 'file:1', message: 'late' })).toBe(removed);
  });

  it('keeps the tag the designer types, even an invalid one (it is flagged, not changed)', () => {
    const state = apply(add([file('a dog.png')]), { type: 'tag', id: 'file:1', tag: '9x' });
    expect(state.cards[0]?.tag).toBe('9x');
  });

  it('removes only the card asked for, and clears old refusals', () => {
    const state = apply(add([file('a.png'), file('b.png')], { refused: ['bad'] }), { type: 'remove', id: 'file:1' });
    expect(state.cards.map((card) => card.name)).toEqual(['b.png']);
    expect(state.notices).toEqual([]);
  });
});

describe('layer and file cards together', () => {
  it('shows the layer cards, then the file cards', () => {
    const files = apply(add([file('Red dress.png')], { layerTags: ['Model'] })).cards;
    const merged = withFileCards(layers('Model'), files);
    expect(merged.cards.map((card) => [card.name, card.tag])).toEqual([
      ['Model', 'Model'],
      ['Red dress.png', 'Red_dress'],
    ]);
  });

  it('shows every layer card and every file card: which are sent is chosen from the prompt', () => {
    const selection = layers('One', 'Two', 'Three');
    const twoFiles = apply(add([file('a.png'), file('b.png')]));
    expect(withFileCards(selection, twoFiles.cards).cards.map((card) => card.name)).toEqual(['One', 'Two', 'Three', 'a.png', 'b.png']);
  });

  it('is the layer state itself when there are no files', () => {
    const selection = layers('One');
    expect(withFileCards(selection, [])).toBe(selection);
  });

  it('sends ready file cards with the layer cards and checks their tags together', () => {
    let files = apply(add([file('x.png')], { layerTags: ['One'] }), { type: 'prepared', id: 'file:1', uri: 'data:x' });
    files = droppedFilesReducer(files, { type: 'tag', id: 'file:1', tag: 'one' });
    const merged = withFileCards(layers('One'), files.cards);
    expect(merged.cards.filter(isReady).map((card) => card.id)).toEqual(['file:1']);
    expect(cardTagProblems(merged)).toEqual([null, '"one" is already used by another reference; tags must be unique.']);
  });

  it('gives a newly selected layer a default tag that avoids the file tags', () => {
    const state = referencesReducer(NO_REFERENCES, {
      type: 'snapshot',
      snapshot: {
        version: 1,
        layers: [{ id: '1:1', name: 'Red dress', width: 10, height: 10, savedTag: null, tagBase: 'Red dress' }],
        skipped: [],
        ...NO_TARGET,
      },
      reserved: ['Red_dress'],
    });
    expect(state.cards[0]?.tag).toBe('Red_dress_2');
  });
});
