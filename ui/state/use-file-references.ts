// The file cards as the panel uses them: files read and checked, added within the reference limit, and each
// prepared for the provider with the same pipeline (and long-edge cap) as layer references.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { readImageFileAsync } from '../image/read-file';
import type { Services } from '../services';
import { droppedFilesReducer, NO_FILES } from './dropped-files';
import type { DroppedFiles } from './dropped-files';
import type { ReferencesState } from './references';

export interface FileReferences {
  readonly files: DroppedFiles;
  /** Reads, checks and adds the files of one drop, paste or pick. */
  readonly addAsync: (files: readonly File[]) => Promise<void>;
  readonly remove: (id: string) => void;
  readonly setTag: (id: string, tag: string) => void;
}

/** File cards beside `layers` (the selection's cards), at most `maxReferences` files (a request takes no more). */
export function useFileReferences(
  prepareAsync: Services['prepareReferenceAsync'],
  layers: ReferencesState,
  maxReferences: number,
): FileReferences {
  const [files, dispatch] = useReducer(droppedFilesReducer, NO_FILES);
  // Read after the files are, so a selection change meanwhile is counted.
  const latestLayers = useRef(layers);
  latestLayers.current = layers;
  const started = useRef(new Set<string>());

  useEffect(() => {
    for (const card of files.cards) {
      if (card.image.state !== 'preparing' || started.current.has(card.id)) continue;
      started.current.add(card.id);
      const { id, source } = card;
      void prepareAsync(source.bytes, source.mime, true)
        .catch((error: unknown) => ({ ok: false as const, message: String(error) }))
        .then((outcome) =>
          dispatch(
            outcome.ok
              ? { type: 'prepared', id, uri: outcome.reference.uri }
              : { type: 'unusable', id, message: `Couldn't use “${source.name}”: ${outcome.message}` },
          ),
        );
    }
  }, [files.cards, prepareAsync]);

  async function addAsync(list: readonly File[]): Promise<void> {
    const outcomes = await Promise.all(list.map(readImageFileAsync));
    const { cards } = latestLayers.current;
    dispatch({
      type: 'add',
      files: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.file] : [])),
      refused: outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.message])),
      maxReferences,
      layerTags: cards.map((card) => card.tag),
    });
  }

  return {
    files,
    addAsync,
    remove: (id) => dispatch({ type: 'remove', id }),
    setTag: (id, tag) => dispatch({ type: 'tag', id, tag }),
  };
}
