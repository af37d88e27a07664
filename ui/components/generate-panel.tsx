// Generate and Cancel, what is missing before Generate can start, the status of the current run, and credits:
// the estimate before a run, the cost and what is left after it.
import type { FailureKind } from '../providers/provider';
import { elapsedSeconds, failureTone, isBusy, runningText } from '../state/run';
import type { RunState } from '../state/run';

interface GeneratePanelProps {
  readonly run: RunState;
  /** Milliseconds since the epoch, refreshed every second while running. */
  readonly now: number;
  readonly blockers: readonly string[];
  /** What one image costs at the chosen model and ratio, when the provider publishes it. */
  readonly estimate: number | null;
  /** The last generation's cost and the credits left after it (null: the provider didn't say); null before any. */
  readonly spent: { readonly cost: number | null; readonly creditsLeft: number | null } | null;
  readonly onGenerate: () => void;
  readonly onCancel: () => void;
  readonly onPlaceAgain: () => void;
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
};

function Icon({ glyph }: { readonly glyph: string }) {
  return (
    <span class="icon" aria-hidden="true">
      {glyph}
    </span>
  );
}

function Status({ run, now, onPlaceAgain }: Pick<GeneratePanelProps, 'run' | 'now' | 'onPlaceAgain'>) {
  switch (run.phase) {
    case 'idle':
      return null;
    case 'running':
      return (
        <p class="status">
          {/* Only the words are live: a screen reader shouldn't announce every second. */}
          <span role="status">{runningText(run)}</span>{' '}
          <span class="count">{elapsedSeconds(run.startedAt, now)} s</span>
        </p>
      );
    case 'placing':
      return (
        <p class="status" role="status">
          Placing…
        </p>
      );
    case 'placed':
      return (
        <p class="status is-success" role="status">
          <Icon glyph="✓" />
          Placed “{run.name}”
        </p>
      );
    case 'failed': {
      const { kind, message } = run.failure;
      const tone = failureTone(kind);
      return (
        <p class={`status is-${tone}`} role={tone === 'neutral' ? 'status' : 'alert'} data-kind={kind}>
          <Icon glyph={FAILURE_ICON[kind]} />
          {message}
        </p>
      );
    }
    case 'place-failed':
      return (
        <div class="status is-danger stack" role="alert">
          <p>
            <Icon glyph="!" />
            {run.message}
          </p>
          <p class="hint">The generated image is kept: nothing is lost.</p>
          <button type="button" class="self-start" onClick={onPlaceAgain}>
            Place again
          </button>
        </div>
      );
  }
}

function credits(amount: number): string {
  return `${amount} credit${amount === 1 ? '' : 's'}`;
}

/** The Generate section. */
export function GeneratePanel({ run, now, blockers, estimate, spent, onGenerate, onCancel, onPlaceAgain }: GeneratePanelProps) {
  const busy = isBusy(run);
  return (
    <section class="section stack">
      <div class="row">
        <button type="button" class="primary grow" disabled={busy || blockers.length > 0} onClick={onGenerate}>
          Generate
        </button>
        {run.phase === 'running' && (
          <button type="button" onClick={onCancel} disabled={run.cancelling}>
            Cancel
          </button>
        )}
      </div>
      {blockers.length > 0 ? (
        <ul class="blockers" aria-label="Before you can generate">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      ) : (
        <p class="hint">Ctrl+Enter or ⌘+Enter generates from anywhere in the panel.</p>
      )}
      {estimate !== null && <p class="hint">About {credits(estimate)}</p>}
      <Status run={run} now={now} onPlaceAgain={onPlaceAgain} />
      {spent !== null && spent.cost !== null && <p class="hint">The last image cost {credits(spent.cost)}.</p>}
      {spent && <p class="hint">Credits left: {spent.creditsLeft ?? 'unknown'}</p>}
    </section>
  );
}
