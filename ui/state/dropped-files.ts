// Reference cards made from image files the designer dropped, pasted or picked. Unlike layer cards they don't
// follow the selection: they stay until removed. They share the provider's reference limit with the layers.
import { FILE_REFERENCE_PREFIX } from '../../core/protocol';
import { defaultTags } from '../../core/tags';
import type { ImageFile } from '../image/read-file';
import type { ReferenceCard, ReferencesState } from './references';

/** Marks a card (and the ReferenceRecord saved with a generated layer) as a file, not a layer id. */
export const FILE_ID_PREFIX = FILE_REFERENCE_PREFIX;

/** True for the id of a file card. */
export function isFileId(id: string): boolean {
  return id.startsWith(FILE_ID_PREFIX);
}

/** A file card; its bytes stay with it until they are prepared. */
export interface FileCard extends ReferenceCard {
  readonly source: ImageFile;
}

export interface DroppedFiles {
  readonly cards: readonly FileCard[];
  /** Numbers the ids, so a removed card's late answer can't reach a new one. */
  readonly nextId: number;
  /** Why the files of the last drop or paste weren't added, in drop order. */
  readonly notices: readonly string[];
}

export type DroppedFilesAction =
  | {
      readonly type: 'add';
      /** The files of one drop, paste or pick that passed the checks. */
      readonly files: readonly ImageFile[];
      /** Messages for the files that didn't. */
      readonly refused: readonly string[];
      /** How many references the model takes: more files than that could never all be sent. */
      readonly maxReferences: number;
      /** The layer cards' tags, which a file's tag must not repeat. */
      readonly layerTags: readonly string[];
    }
  | { readonly type: 'prepared'; readonly id: string; readonly uri: string }
  | { readonly type: 'unusable'; readonly id: string; readonly message: string }
  | { readonly type: 'remove'; readonly id: string }
  | { readonly type: 'tag'; readonly id: string; readonly tag: string };

export const NO_FILES: DroppedFiles = { cards: [], nextId: 1, notices: [] };

/** The file name without its extension: "Red dress.png" → "Red dress". */
function baseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A valid tag from a file name, unique against `taken`: "Red dress.png" → "Red_dress". */
export function fileTag(name: string, taken: readonly string[]): string {
  return defaultTags([baseName(name)], taken)[0] as string;
}

function add(state: DroppedFiles, action: Extract<DroppedFilesAction, { type: 'add' }>): DroppedFiles {
  const notices = [...action.refused];
  const cards = [...state.cards];
  let { nextId } = state;
  for (const file of action.files) {
    if (cards.length >= action.maxReferences) {
      notices.push(`“${file.name}” wasn't added: the model takes at most ${action.maxReferences} references. Remove one first.`);
      continue;
    }
    const tag = fileTag(file.name, [...action.layerTags, ...cards.map((card) => card.tag)]);
    cards.push({ id: `${FILE_ID_PREFIX}${nextId}`, name: file.name, tag, image: { state: 'preparing' }, source: file });
    nextId += 1;
  }
  return { cards, nextId, notices };
}

/** The next file cards after `action`; answers for removed cards leave them unchanged. */
export function droppedFilesReducer(state: DroppedFiles, action: DroppedFilesAction): DroppedFiles {
  switch (action.type) {
    case 'add':
      return add(state, action);
    case 'prepared':
      return {
        ...state,
        cards: state.cards.map((card) => (card.id === action.id ? { ...card, image: { state: 'ready', uri: action.uri } } : card)),
      };
    case 'unusable':
      // A file that can't be prepared gets no card, only the reason: there is nothing on the canvas to fix.
      if (!state.cards.some((card) => card.id === action.id)) return state;
      return { ...state, cards: state.cards.filter((card) => card.id !== action.id), notices: [...state.notices, action.message] };
    case 'remove':
      return { ...state, cards: state.cards.filter((card) => card.id !== action.id), notices: [] };
    case 'tag':
      return { ...state, cards: state.cards.map((card) => (card.id === action.id ? { ...card, tag: action.tag } : card)) };
  }
}

/**
 * The references the panel shows: the layer cards, then the file cards, which stay until removed. Which of them a
 * run sends is sending.ts's choice (files were added on purpose: they go before unnamed layers).
 */
export function withFileCards(layers: ReferencesState, files: readonly FileCard[]): ReferencesState {
  return files.length === 0 ? layers : { ...layers, cards: [...layers.cards, ...files] };
}
