// Generate and Cancel, how many variations, what is missing before Generate can start, the status of the current
// run, and credits: the estimate before a run (and the question when it is over the limit), the cost and what is
// left after it.
import { Fragment } from 'preact';
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

/** The footer pinned under the panel: what blocks Generate, the run's status, Variations, Generate and its cost. */
export function GeneratePanel(props: GeneratePanelProps) {
  const { run, now, blockers, placingNote, variations, cost, question, spent, onGenerate, onCancel, onPlaceAgain } = props;
  const busy = isBusy(run);
  const generating = run.phase === 'run' && isGenerating(run);
  const credits = [
    estimateText(cost),
    spent?.cost != null ? `The last ${spent.images === 1 ? 'image' : `${spent.images} images`} cost ${creditsText(spent.cost)}.` : null,
    spent ? `Credits left: ${spent.creditsLeft ?? 'unknown'}` : null,
  ].filter((part) => part !== null);
  return (
    <footer class="footer">
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
      {/* Next to what they block: Generate. */}
      {blockers.length > 0 && (
        <ul class="blockers" aria-label="Before you can generate">
          {blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      )}
      {placingNote !== null && (
        <p id="placing-note" class="note is-warning">
          {placingNote}
        </p>
      )}
      <RunStatus run={run} now={now} onPlaceAgain={onPlaceAgain} />
      {/* Above Generate, not beside it: Generate stays under the pointer that clicked it. */}
      {generating && (
        <div class="row">
          <p id="closing-note" class="hint grow">
            {props.closing}
          </p>
          <button type="button" onClick={onCancel} disabled={run.cancelling} aria-describedby="closing-note">
            Cancel
          </button>
        </div>
      )}
      <div class="row">
        <label for="variations">Variations</label>
        <select id="variations" value={String(variations)} onChange={(event) => props.onVariations(Number(event.currentTarget.value))}>
          {Array.from({ length: MAX_VARIATIONS }, (_, i) => (
            <option key={i}>{i + 1}</option>
          ))}
        </select>
        <button
          type="button"
          class="primary cta grow"
          disabled={busy || blockers.length > 0}
          onClick={onGenerate}
          title="Ctrl+Enter or ⌘+Enter generates from anywhere in the panel"
          aria-describedby={placingNote !== null ? 'placing-note' : undefined}
        >
          Generate
        </button>
      </div>
      <p class="hint">
        {credits.map((part, index) => (
          <Fragment key={part}>
            {index > 0 && ' · '}
            <span>{part}</span>
          </Fragment>
        ))}
      </p>
    </footer>
  );
}
