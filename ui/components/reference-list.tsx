// The reference cards (thumbnail, layer name, tag, and why a card is not sent), the layers beyond those offered and
// the skipped ones.
import type { ComponentChildren } from 'preact';
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
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
  /** Ways to add references from outside the canvas, shown under the cards. */
  readonly children?: ComponentChildren;
}

function Thumbnail({ card }: { readonly card: ReferenceCard }) {
  const { image } = card;
  if (image.state === 'ready') return <img class="thumb" src={image.uri} alt="" />;
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
}

function Card({ card, index, problem, leftOut, onTag, onRemove }: CardProps) {
  const { image } = card;
  const problemId = `tag-problem-${index}`;
  return (
    <li class={leftOut === null ? 'card' : 'card is-left'}>
      <Thumbnail card={card} />
      <div class="stack grow">
        <span class="name" title={card.name}>
          {card.name}
        </span>
        {isFileId(card.id) && <FileCardActions name={card.name} onRemove={() => onRemove(card.id)} />}
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
            {image.state !== 'ready' && (
              <span class="hint">{image.state === 'exporting' ? 'Exporting…' : 'Preparing…'}</span>
            )}
            {leftOut !== null && <span class="hint">{leftOut}</span>}
          </>
        )}
      </div>
    </li>
  );
}

/** The References section. */
export function ReferenceList({ references, problems, leftOut, onTag, onRemove, children }: ReferenceListProps) {
  const { cards, notOffered, skipped } = references;
  return (
    <section class="section" aria-labelledby="references-title">
      <h2 id="references-title">References</h2>
      {cards.length === 0 ? (
        <p class="hint">Select frames or layers on the canvas to use as references</p>
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
              <b>{layer.name}</b>: Skipped — {layer.reason}
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}
