// The seed, for models that take one: random for each image unless fixed, and the last image's seed shown so
// a result can be made again.
import { MAX_SEED } from '../../core/settings';

interface SeedFieldProps {
  /** What is typed in the Seed field. */
  readonly draft: string;
  readonly fixed: boolean;
  /** Why the typed seed can't be used, or null. */
  readonly problem: string | null;
  /** The seed of the last image, when the provider said. */
  readonly lastSeed: string | null;
  /** Images per run: with several, each variation takes the next seed. */
  readonly variations: number;
  readonly onDraft: (value: string) => void;
  readonly onFixed: (fixed: boolean) => void;
}

/** The Seed section. */
export function SeedField({ draft, fixed, problem, lastSeed, variations, onDraft, onFixed }: SeedFieldProps) {
  const fixedText =
    variations > 1
      ? 'Variations use this seed and the next numbers: the same row comes out again.'
      : 'The same prompt and references make the same image.';
  return (
    <>
      <label for="seed">Seed</label>
      <div class="row">
        <input
          id="seed"
          class="grow"
          type="number"
          min={0}
          max={MAX_SEED}
          step={1}
          value={draft}
          onInput={(event) => onDraft(event.currentTarget.value)}
          aria-invalid={problem ? 'true' : 'false'}
          aria-describedby={problem !== null || fixed || lastSeed !== null ? 'seed-help' : undefined}
        />
        <label class="row nowrap">
          <input type="checkbox" checked={fixed} onChange={(event) => onFixed(event.currentTarget.checked)} />
          Fixed seed
        </label>
      </div>
      {/* A random seed needs no word; a fixed one says what it does, a bad one what is wrong. */}
      {(problem !== null || fixed || lastSeed !== null) && (
        <p id="seed-help" class={problem ? 'note is-danger under' : 'hint under'}>
          {problem ?? (fixed ? fixedText : '')}
          {lastSeed !== null && `${problem || fixed ? ' ' : ''}Last image: seed ${lastSeed}.`}
        </p>
      )}
    </>
  );
}
