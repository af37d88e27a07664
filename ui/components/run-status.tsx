// The status of the current run: one line for a single image, or a summary line and a compact list with each
// variation's own status (generating, placed, failed with its message, Place again when placing failed).
import type { FailureKind } from '../providers/provider';
import { elapsedSeconds, failureTone, isGenerating, runningText, runSummary } from '../state/run';
import type { RunState, Variation } from '../state/run';

interface RunStatusProps {
  readonly run: RunState;
  /** Milliseconds since the epoch, refreshed every second while running. */
  readonly now: number;
  readonly onPlaceAgain: (index: number) => void;
}

// Glyphs every system font has: no icon font, no emoji that renders differently per platform.
const FAILURE_ICON: Readonly<Record<FailureKind, string>> = {
  auth: '!',
  credits: '¢',
  'rate-limited': '…',
  'bad-request': '!',
  server: '!',
  unreachable: '!',
  timeout: '…',
  cancelled: '×',
  'not-image': '?',
  gone: '∅',
};

function Icon({ glyph }: { readonly glyph: string }) {
  return (
    <span class="icon" aria-hidden="true">
      {glyph}
    </span>
  );
}

/** The tone class and data-kind of a variation, for its line or list item. */
function look(variation: Variation): { class: string; 'data-kind'?: string } {
  if (variation.phase === 'placed') return { class: 'is-success' };
  if (variation.phase === 'place-failed') return { class: 'is-danger' };
  if (variation.phase !== 'failed') return { class: '' };
  return { class: `is-${failureTone(variation.failure.kind)}`, 'data-kind': variation.failure.kind };
}

/** What a variation says; `label` names its Place again button. */
function Words({
  variation,
  cancelling,
  label,
  onPlaceAgain,
}: {
  readonly variation: Variation;
  readonly cancelling: boolean;
  readonly label: string;
  readonly onPlaceAgain: () => void;
}) {
  switch (variation.phase) {
    case 'running':
      return <>{runningText(cancelling, variation.progress)}</>;
    case 'placing':
      return <>Placing…</>;
    case 'placed':
      return (
        <>
          <Icon glyph="✓" />
          Placed “{variation.name}”
        </>
      );
    case 'failed':
      return (
        <>
          <Icon glyph={FAILURE_ICON[variation.failure.kind]} />
          {variation.failure.message}
        </>
      );
    case 'place-failed':
      return (
        <>
          <Icon glyph="!" />
          {variation.message}{' '}
          <button type="button" aria-label={label} onClick={onPlaceAgain}>
            Place again
          </button>
        </>
      );
  }
}

/** One image: the status line as it always was. */
function Single({
  run,
  variation,
  now,
  onPlaceAgain,
}: {
  readonly run: Extract<RunState, { phase: 'run' }>;
  readonly variation: Variation;
  readonly now: number;
  readonly onPlaceAgain: () => void;
}) {
  switch (variation.phase) {
    case 'running':
      return (
        <p class="status">
          {/* Only the words are live: a screen reader shouldn't announce every second. */}
          <span role="status">{runningText(run.cancelling, variation.progress)}</span>{' '}
          <span class="count">{elapsedSeconds(run.startedAt, now)} s</span>
        </p>
      );
    case 'failed': {
      const tone = failureTone(variation.failure.kind);
      return (
        <p class={`status is-${tone}`} role={tone === 'neutral' ? 'status' : 'alert'} data-kind={variation.failure.kind}>
          <Words variation={variation} cancelling={false} label="" onPlaceAgain={onPlaceAgain} />
        </p>
      );
    }
    case 'place-failed':
      return (
        <div class="status is-danger stack" role="alert">
          <p>
            <Icon glyph="!" />
            {variation.message}
          </p>
          <p class="hint">The generated image is kept: nothing is lost.</p>
          <button type="button" class="self-start" onClick={onPlaceAgain}>
            Place again
          </button>
        </div>
      );
    default:
      return (
        <p class={`status ${look(variation).class}`} role="status">
          <Words variation={variation} cancelling={false} label="" onPlaceAgain={onPlaceAgain} />
        </p>
      );
  }
}

/** The run's status, or nothing before the first run. */
export function RunStatus({ run, now, onPlaceAgain }: RunStatusProps) {
  if (run.phase === 'idle') return null;
  const { variations } = run;
  if (variations.length === 1 && variations[0]) {
    return <Single run={run} variation={variations[0]} now={now} onPlaceAgain={() => onPlaceAgain(0)} />;
  }
  const failed = variations.find((variation) => variation.phase === 'failed' || variation.phase === 'place-failed');
  return (
    <div class="stack">
      <p class={`status${failed ? ' is-warning' : ''}`} data-kind={failed ? 'partial' : undefined}>
        {runSummary(run)}
        {isGenerating(run) && <span class="count"> {elapsedSeconds(run.startedAt, now)} s</span>}
      </p>
      {/* One live region for the list: each variation's change is announced once, the seconds never. */}
      <ol class="variations" aria-label="Variations" aria-live="polite">
        {variations.map((variation, index) => (
          <li key={index} {...look(variation)}>
            <span class="count">{index + 1}</span>{' '}
            <Words
              variation={variation}
              cancelling={run.cancelling}
              label={`Place variation ${index + 1} again`}
              onPlaceAgain={() => onPlaceAgain(index)}
            />
          </li>
        ))}
      </ol>
      {variations.some((variation) => variation.phase === 'place-failed') && (
        <p class="hint">Images that couldn't be placed are kept: nothing is lost.</p>
      )}
    </div>
  );
}
