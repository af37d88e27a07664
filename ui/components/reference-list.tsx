// The reference cards (thumbnail, layer name, tag), the layers over the provider's limit and the skipped ones.
import type { ReferenceCard, ReferencesState } from '../state/references';

interface ReferenceListProps {
  readonly references: ReferencesState;
  /** Per card, from cardTagProblems. */
  readonly problems: readonly (string | null)[];
  readonly maxReferences: number;
  readonly onTag: (id: string, tag: string) => void;
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

function Card({ card, index, problem, onTag }: { card: ReferenceCard; index: number; problem: string | null; onTag: ReferenceListProps['onTag'] }) {
  const { image } = card;
  const problemId = `tag-problem-${index}`;
  return (
    <li class="card">
      <Thumbnail card={card} />
      <div class="stack grow">
        <span class="name" title={card.name}>
          {card.name}
        </span>
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
          </>
        )}
      </div>
    </li>
  );
}

/** The References section. */
export function ReferenceList({ references, problems, maxReferences, onTag }: ReferenceListProps) {
  const { cards, notSent, skipped } = references;
  const limit = `the model takes at most ${maxReferences} reference${maxReferences === 1 ? '' : 's'}`;
  return (
    <section class="section" aria-labelledby="references-title">
      <h2 id="references-title">References</h2>
      {cards.length === 0 ? (
        <p class="hint">Select frames or layers on the canvas to use as references</p>
      ) : (
        <ul class="cards">
          {cards.map((card, index) => (
            <Card key={card.id} card={card} index={index} problem={problems[index] ?? null} onTag={onTag} />
          ))}
        </ul>
      )}
      {notSent.length + skipped.length > 0 && (
        <ul class="aside">
          {notSent.map((layer) => (
            <li key={layer.id}>
              <b>{layer.name}</b>: Not sent — {limit}
            </li>
          ))}
          {skipped.map((layer) => (
            <li key={layer.id}>
              <b>{layer.name}</b>: Skipped — {layer.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
