// The reference cards from both sources, prepared for the provider with the same pipeline: the selected layers
// (exported by the sandbox, snapshot by snapshot) and the image files dropped, pasted or picked (kept through
// selection changes, at most as many as a request takes). A layer's edited tag is kept for the file.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { MainToUi, SelectionSnapshot } from '../../core/protocol';
import { readImageFileAsync } from '../image/read-file';
import type { Services } from '../services';
import { droppedFilesReducer, isFileId, NO_FILES, withFileCards } from '../state/dropped-files';
import { NO_REFERENCES, referencesReducer } from '../state/references';
import type { ReferencesState } from '../state/references';
import { useTagSaving } from './use-workspace';

export interface References {
  /** Layer cards, then file cards. */
  readonly references: ReferencesState;
  /** What became of the last files added (refused, over the limit). */
  readonly fileNotices: readonly string[];
  /** A selection snapshot arrived. */
  selection(snapshot: SelectionSnapshot): void;
  /** The sandbox exported a layer's image. */
  exported(message: MainToUi['reference-image']): void;
  /** The sandbox could not export a layer. */
  exportFailed(message: MainToUi['reference-failed']): void;
  /** Tags by layer id to keep like typed ones (Iterate). */
  preferTags(tags: Readonly<Record<string, string>>): void;
  setTag(id: string, tag: string): void;
  /** Removes a file card. */
  remove(id: string): void;
  /** Reads, checks and adds the files of one drop, paste or pick. */
  addAsync(files: readonly File[]): Promise<void>;
}

/** The cards, prepared with `services`; `maxReferences` is what one request takes. */
export function useReferences(services: Services, maxReferences: number): References {
  const { bridge, prepareReferenceAsync } = services;
  const [layers, dispatchLayers] = useReducer(referencesReducer, NO_REFERENCES);
  const [files, dispatchFiles] = useReducer(droppedFilesReducer, NO_FILES);
  const saveTag = useTagSaving(bridge);
  // Refs, not state: they must be current within one event, before Preact re-renders.
  const latestVersion = useRef(0);
  // Read after the files are, so a selection change meanwhile is counted.
  const latestLayers = useRef(layers);
  latestLayers.current = layers;
  const started = useRef(new Set<string>());

  useEffect(() => {
    for (const card of files.cards) {
      if (card.image.state !== 'preparing' || started.current.has(card.id)) continue;
      started.current.add(card.id);
      const { id, source } = card;
      void prepareReferenceAsync(source.bytes, source.mime, true)
        .catch((error: unknown) => ({ ok: false as const, message: String(error) }))
        .then((outcome) =>
          dispatchFiles(
            outcome.ok
              ? { type: 'prepared', id, uri: outcome.reference.uri }
              : { type: 'unusable', id, message: `Couldn't use “${source.name}”: ${outcome.message}` },
          ),
        );
    }
  }, [files.cards, prepareReferenceAsync]);

  return {
    references: withFileCards(layers, files.cards),
    fileNotices: files.notices,
    selection(snapshot) {
      latestVersion.current = Math.max(latestVersion.current, snapshot.version);
      const reserved = files.cards.map((card) => card.tag);
      dispatchLayers({ type: 'snapshot', snapshot, reserved });
    },
    exported(message) {
      const { version, id } = message;
      // A newer selection has arrived: this image would only be thrown away.
      if (version !== latestVersion.current) return;
      dispatchLayers({ type: 'exported', version, id });
      void prepareReferenceAsync(message.bytes, message.mime)
        .catch((error: unknown) => ({ ok: false as const, message: String(error) }))
        .then((outcome) =>
          dispatchLayers(
            outcome.ok
              ? { type: 'prepared', version, id, uri: outcome.reference.uri }
              : { type: 'failed', version, id, message: `Couldn't prepare this layer: ${outcome.message}` },
          ),
        );
    },
    exportFailed: ({ version, id, message }) => dispatchLayers({ type: 'failed', version, id, message }),
    preferTags: (tags) => dispatchLayers({ type: 'prefer-tags', tags }),
    setTag(id, tag) {
      if (isFileId(id)) {
        dispatchFiles({ type: 'tag', id, tag });
        return;
      }
      dispatchLayers({ type: 'tag', id, tag });
      saveTag(id, tag);
    },
    remove: (id) => dispatchFiles({ type: 'remove', id }),
    async addAsync(list) {
      const outcomes = await Promise.all(list.map(readImageFileAsync));
      dispatchFiles({
        type: 'add',
        files: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.file] : [])),
        refused: outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.message])),
        maxReferences,
        layerTags: latestLayers.current.cards.map((card) => card.tag),
      });
    },
  };
}
