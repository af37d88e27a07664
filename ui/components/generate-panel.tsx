// Generate and Cancel, how many variations, what is missing before Generate can start, the status of the current
// run, and credits: the estimate before a run (and the question when it is over the limit), the cost and what is
// left after it.
import { MAX_VARIATIONS } from '../../core/settings';
import { creditsText, estimateText } from '../state/cost-guard';
import type { CostCheck } from '../state/cost-guard';
import { isBusy, isGenerating } from '../state/run';
import type { RunState } from '../state/run';
import { RunStatus } from './run-status';

interface GeneratePanelProps {
  readonly run: RunState;
  /** Milliseconds since the epoch, refreshed every second while running. */
  readonly now: number;
  readonly blockers: readonly string[];
  /** What Generate will change in an existing layer ("Replaces the image of “Hero”."), or null. */
  readonly placingNote: string | null;
  /** Images per run, and a change to it. */
  readonly variations: number;
  readonly onVariations: (count: number) => void;
  /** What the next run costs, as far as it is known. */
  readonly cost: CostCheck;
  /** The question a run over the limit asks instead of starting, while it is asked; null otherwise. */
  readonly question: string | null;
  readonly onConfirm: () => void;
  readonly onDismiss: () => void;
  /** The last run's images: their cost (null: a provider didn't say) and the last credits left reported; null before any. */
  readonly spent: { readonly images: number; readonly cost: number | null; readonly creditsLeft: number | null } | null;
  readonly onGenerate: () => void;
  readonly onCancel: () => void;
  /** What closing the plugin does to the run under way, said beside Cancel. */
  readonly closing: string;
  readonly onPlaceAgain: (index: number) => void;
}

/** The Generate section. */
export function GeneratePanel(props: GeneratePanelProps) {
  const { run, now, blockers, placingNote, variations, cost, question, spent, onGenerate, onCancel, onPlaceAgain } = props;
  const busy = isBusy(run);
  return (
    <section class="section stack">
      <div class="row">
        <label for="variations">Variations</label>
        <select id="variations" value={String(variations)} onChange={(event) => props.onVariations(Number(event.currentTarget.value))}>
          {Array.from({ length: MAX_VARIATIONS }, (_, i) => (
            <option key={i}>{i + 1}</option>
          ))}
        </select>
        <button
          type="button"
          class="primary grow"
          disabled={busy || blockers.length > 0}
          onClick={onGenerate}
          aria-describedby={placingNote !== null ? 'placing-note' : undefined}
        >
          Generate
        </button>
        {run.phase === 'run' && isGenerating(run) && (
          <button type="button" onClick={onCancel} disabled={run.cancelling} aria-describedby="closing-note">
            Cancel
          </button>
        )}
      </div>
      {run.phase === 'run' && isGenerating(run) && (
        <p id="closing-note" class="hint">
          {props.closing}
        </p>
      )}
      {placingNote !== null && (
        <p id="placing-note" class="note is-warning">
          {placingNote}
        </p>
      )}
      {question !== null && (
        <div class="stack is-warning" role="alert">
          <p>{question}</p>
          <div class="row">
            <button type="button" class="primary" onClick={props.onConfirm}>
              Generate anyway
            </button>
            <button type="button" onClick={props.onDismiss}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {blockers.length > 0 ? (
        <ul class="blockers" aria-label="Before you can generate">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      ) : (
        <p class="hint">Ctrl+Enter or ⌘+Enter generates from anywhere in the panel.</p>
      )}
      <p class="hint">{estimateText(cost)}</p>
      <RunStatus run={run} now={now} onPlaceAgain={onPlaceAgain} />
      {spent !== null && spent.cost !== null && (
        <p class="hint">
          The last {spent.images === 1 ? 'image' : `${spent.images} images`} cost {creditsText(spent.cost)}.
        </p>
      )}
      {spent && <p class="hint">Credits left: {spent.creditsLeft ?? 'unknown'}</p>}
    </section>
  );
}
