// The reference cards: the selected layers offered as references, their images as they arrive, and their tags.
// Tags are remembered per layer id across selection snapshots, so a designer's edit survives reselecting.
// Which cards a run sends is sending.ts's choice.
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
import type { SelectedLayer, SelectionSnapshot, SkippedLayer } from '../../core/protocol';
import { defaultTags, sameTag, tagProblems } from '../../core/tags';

/** Where a card's image is: exported by the sandbox, then prepared (letterboxed, encoded) for the provider. */
export type CardImage =
  | { readonly state: 'exporting' }
  | { readonly state: 'preparing' }
  | { readonly state: 'ready'; readonly uri: string }
  | { readonly state: 'failed'; readonly message: string };

export interface ReferenceCard {
  readonly id: string;
  readonly name: string;
  readonly tag: string;
  readonly image: CardImage;
}

interface RememberedTag {
  readonly tag: string;
  /** Typed by the designer (kept as is) rather than derived from the layer name. */
  readonly edited: boolean;
}

export interface ReferencesState {
  /** The snapshot the cards show; 0 before the first one. */
  readonly version: number;
  /** The layers offered as references (the first MAX_OFFERED_REFERENCES usable ones), in selection order. */
  readonly cards: readonly ReferenceCard[];
  /** Usable layers beyond MAX_OFFERED_REFERENCES: not exported, so never sent. */
  readonly notOffered: readonly Pick<SelectedLayer, 'id' | 'name'>[];
  readonly skipped: readonly SkippedLayer[];
  readonly tags: Readonly<Record<string, RememberedTag>>;
}

export type ReferencesAction =
  | {
      readonly type: 'snapshot';
      readonly snapshot: SelectionSnapshot;
      /** Tags held by other cards (added files): a layer's default tag avoids them. */
      readonly reserved?: readonly string[];
    }
  | { readonly type: 'exported'; readonly version: number; readonly id: string }
  | { readonly type: 'prepared'; readonly version: number; readonly id: string; readonly uri: string }
  | { readonly type: 'failed'; readonly version: number; readonly id: string; readonly message: string }
  | { readonly type: 'tag'; readonly id: string; readonly tag: string }
  /** Tags by layer id saved with a generated layer (Iterate): kept like typed ones, on shown and coming cards. */
  | { readonly type: 'prefer-tags'; readonly tags: Readonly<Record<string, string>> };

/** Before the first selection snapshot. */
export const NO_REFERENCES: ReferencesState = { version: 0, cards: [], notOffered: [], skipped: [], tags: {} };

/** What is remembered of `layer`'s tag: an edit in this run, else one saved for the file, else this run's default. */
function rememberedTag(layer: SelectedLayer, memory: ReferencesState['tags']): RememberedTag | undefined {
  const remembered = memory[layer.id];
  if (remembered?.edited) return remembered;
  return layer.savedTag !== null ? { tag: layer.savedTag, edited: true } : remembered;
}

/**
 * Tags for `layers`: the designer's edits first (a clash is flagged, never silently changed), then
 * remembered defaults that still fit, then fresh defaults (from each layer's tag base) that clash with none of them.
 */
function assignTags(layers: readonly SelectedLayer[], memory: ReferencesState['tags'], reserved: readonly string[] = []): string[] {
  const tags: (string | null)[] = layers.map(() => null);
  const taken: string[] = [...reserved];
  for (const edited of [true, false]) {
    layers.forEach((layer, index) => {
      const remembered = rememberedTag(layer, memory);
      if (!remembered || remembered.edited !== edited) return;
      if (!edited && taken.some((tag) => sameTag(tag, remembered.tag))) return;
      tags[index] = remembered.tag;
      taken.push(remembered.tag);
    });
  }
  const fresh = layers.filter((_, index) => tags[index] === null);
  const freshTags = defaultTags(
    fresh.map((layer) => layer.tagBase),
    taken,
  );
  return tags.map((tag) => tag ?? (freshTags.shift() as string));
}

function applySnapshot(state: ReferencesState, snapshot: SelectionSnapshot, reserved?: readonly string[]): ReferencesState {
  if (snapshot.version <= state.version) return state;
  const offered = snapshot.layers.slice(0, MAX_OFFERED_REFERENCES);
  const tags = assignTags(offered, state.tags, reserved);
  const memory = { ...state.tags };
  offered.forEach((layer, index) => {
    memory[layer.id] = { tag: tags[index] as string, edited: rememberedTag(layer, state.tags)?.edited ?? false };
  });
  return {
    version: snapshot.version,
    cards: offered.map((layer, index) => ({
      id: layer.id,
      name: layer.name,
      tag: tags[index] as string,
      image: { state: 'exporting' },
    })),
    notOffered: snapshot.layers.slice(MAX_OFFERED_REFERENCES),
    skipped: snapshot.skipped,
    tags: memory,
  };
}

function setImage(state: ReferencesState, version: number, id: string, image: CardImage): ReferencesState {
  // An answer for an older snapshot, or a layer no longer shown, must not touch the cards.
  if (version !== state.version || !state.cards.some((card) => card.id === id)) return state;
  return { ...state, cards: state.cards.map((card) => (card.id === id ? { ...card, image } : card)) };
}

/** The next reference state after `action`; answers for stale snapshots leave it unchanged. */
export function referencesReducer(state: ReferencesState, action: ReferencesAction): ReferencesState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.snapshot, action.reserved);
    case 'exported':
      return setImage(state, action.version, action.id, { state: 'preparing' });
    case 'prepared':
      return setImage(state, action.version, action.id, { state: 'ready', uri: action.uri });
    case 'failed':
      return setImage(state, action.version, action.id, { state: 'failed', message: action.message });
    case 'prefer-tags':
      return {
        ...state,
        cards: state.cards.map((card) => ({ ...card, tag: action.tags[card.id] ?? card.tag })),
        tags: { ...state.tags, ...Object.fromEntries(Object.entries(action.tags).map(([id, tag]) => [id, { tag, edited: true }])) },
      };
    case 'tag':
      return {
        ...state,
        cards: state.cards.map((card) => (card.id === action.id ? { ...card, tag: action.tag } : card)),
        tags: { ...state.tags, [action.id]: { tag: action.tag, edited: true } },
      };
  }
}

/** The cards that will be sent once ready: all but those whose image failed. */
export function usableCards(state: ReferencesState): ReferenceCard[] {
  return state.cards.filter((card) => card.image.state !== 'failed');
}

/** Each card's tag problem (invalid, or a duplicate among the usable cards), or null; null for failed cards. */
export function cardTagProblems(state: ReferencesState): (string | null)[] {
  const usable = usableCards(state);
  const problems = tagProblems(usable.map((card) => card.tag));
  return state.cards.map((card) => {
    const index = usable.indexOf(card);
    return index < 0 ? null : (problems[index] ?? null);
  });
}

/** A card whose image is prepared and can be sent. */
export type ReadyCard = ReferenceCard & { readonly image: { readonly state: 'ready'; readonly uri: string } };

/** True for a card whose image is prepared. */
export function isReady(card: ReferenceCard): card is ReadyCard {
  return card.image.state === 'ready';
}

/** True while a card's image is still being exported or prepared. */
export function isPending(card: ReferenceCard): boolean {
  return card.image.state === 'exporting' || card.image.state === 'preparing';
}
