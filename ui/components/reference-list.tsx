// The reference cards (thumbnail, layer name, tag, and why a card is not sent), the layers beyond those offered and
// the skipped ones.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
import { skipReasonText } from '../../core/skip-reasons';
import { isFileId } from '../state/dropped-files';
import type { ReferenceCard, ReferencesState } from '../state/references';
import { FileCardActions } from './file-card-actions';

interface ReferenceListProps {
  readonly references: ReferencesState;
  /** Per card, from cardTagProblems. */
  readonly problems: readonly (string | null)[];
  /** Why each card left out of the request is not sent, by card id (sending.ts). */
  readonly leftOut: ReadonlyMap<string, string>;
  readonly onTag: (id: string, tag: string) => void;
  /** Removes a file card (layer cards follow the selection instead). */
  readonly onRemove: (id: string) => void;
  /** Makes a card's small preview (Services.thumbnailAsync). */
  readonly thumbnailAsync: (uri: string) => Promise<string | null>;
  /** Ways to add references from outside the canvas, shown under the cards. */
  readonly children?: ComponentChildren;
}

/** A small preview of `uri` once made; null before (and when none can be made). */
function useThumbnail(uri: string | null, thumbnailAsync: ReferenceListProps['thumbnailAsync']): string | null {
  const [preview, setPreview] = useState<{ readonly uri: string; readonly thumbnail: string | null } | null>(null);
  useEffect(() => {
    if (uri === null) return;
    let current = true;
    void thumbnailAsync(uri).then((thumbnail) => {
      if (current) setPreview({ uri, thumbnail });
    });
    return () => {
      current = false;
    };
  }, [uri, thumbnailAsync]);
  return preview?.uri === uri ? preview.thumbnail : null;
}

function Thumbnail({
  card,
  thumbnailAsync,
}: {
  readonly card: ReferenceCard;
  readonly thumbnailAsync: ReferenceListProps['thumbnailAsync'];
}) {
  const { image } = card;
  const thumbnail = useThumbnail(image.state === 'ready' ? image.uri : null, thumbnailAsync);
  // Ready to send already: the preview is only being drawn, so the card shows an empty tile, not the "…" of work.
  if (image.state === 'ready') return thumbnail ? <img class="thumb" src={thumbnail} alt="" /> : <div class="thumb" aria-hidden="true" />;
  return (
    <div class={`thumb placeholder${image.state === 'failed' ? ' is-failed' : ''}`} aria-hidden="true">
      {image.state === 'failed' ? '!' : '…'}
    </div>
  );
}

interface CardProps {
  readonly card: ReferenceCard;
  readonly index: number;
  readonly problem: string | null;
  readonly leftOut: string | null;
  readonly onTag: ReferenceListProps['onTag'];
  readonly onRemove: ReferenceListProps['onRemove'];
  readonly thumbnailAsync: ReferenceListProps['thumbnailAsync'];
}

function Card({ card, index, problem, leftOut, onTag, onRemove, thumbnailAsync }: CardProps) {
  const { image } = card;
  const problemId = `tag-problem-${index}`;
  return (
    <li class={leftOut === null ? 'card' : 'card is-left'}>
      <Thumbnail card={card} thumbnailAsync={thumbnailAsync} />
      <div class="stack grow">
        <div class="row">
          <span class="name grow" title={card.name}>
            {card.name}
          </span>
          {isFileId(card.id) && <FileCardActions name={card.name} onRemove={() => onRemove(card.id)} />}
        </div>
        {image.state === 'failed' ? (
          <p class="note is-danger">{image.message}</p>
        ) : (
          <>
            <div class="tag">
              <span aria-hidden="true">@</span>
              <input
                class="grow"
                aria-label={`Tag for ${card.name}`}
                value={card.tag}
                onInput={(event) => onTag(card.id, event.currentTarget.value)}
                aria-invalid={problem ? 'true' : 'false'}
                aria-describedby={problem ? problemId : undefined}
                autocomplete="off"
                spellcheck={false}
              />
            </div>
            {problem && (
              <p id={problemId} class="note is-danger">
                {problem}
              </p>
            )}
            {image.state !== 'ready' && <span class="hint">{image.state === 'exporting' ? 'Exporting…' : 'Preparing…'}</span>}
            {leftOut !== null && <span class="hint">{leftOut}</span>}
          </>
        )}
      </div>
    </li>
  );
}

/** The References section. */
export function ReferenceList({ references, problems, leftOut, onTag, onRemove, thumbnailAsync, children }: ReferenceListProps) {
  const { cards, notOffered, skipped } = references;
  return (
    <section class="group" aria-label="References">
      {cards.length === 0 ? (
        <p class="empty">Select frames or layers on the canvas to use as references</p>
      ) : (
        <ul class="cards">
          {cards.map((card, index) => (
            <Card
              key={card.id}
              card={card}
              index={index}
              problem={problems[index] ?? null}
              leftOut={leftOut.get(card.id) ?? null}
              onTag={onTag}
              onRemove={onRemove}
              thumbnailAsync={thumbnailAsync}
            />
          ))}
        </ul>
      )}
      {notOffered.length + skipped.length > 0 && (
        <ul class="aside">
          {notOffered.map((layer) => (
            <li key={layer.id}>
              <b>{layer.name}</b>: Not offered — at most {MAX_OFFERED_REFERENCES} selected layers become references
            </li>
          ))}
          {skipped.map((layer) => (
            <li key={layer.id}>
              <b>{layer.name}</b>: Skipped — {skipReasonText(layer.reason)}
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
