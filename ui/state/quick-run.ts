// A quick run in the hidden panel: when it may start (the selection's references in, nothing in the way) and how it
// ended, as the sandbox is told. Pure; ui/session/use-quick-run.ts runs it.
import type { UiToMain } from '../../core/protocol';
import { quickPromptProblem } from '../../core/quick-parameters';
import { creditsText } from './cost-guard';
import type { CostCheck } from './cost-guard';
import { isPending } from './references';
import type { ReferenceCard, ReferencesState } from './references';
import { isBusy } from './run';
import type { RunState, Variation } from './run';

/** What the panel holds when a quick run decides whether to start. */
export interface QuickView {
  readonly references: ReferencesState;
  /** The cards that will be sent (sending.ts). */
  readonly sent: readonly ReferenceCard[];
  /** The tags of the references that will be sent. */
  readonly tags: readonly string[];
  readonly prompt: string;
  /** Why the panel's Generate can't start (readiness.ts), first to fix first. */
  readonly blockers: readonly string[];
  /** The run's cost against the designer's limit: over it, the panel would ask, and nobody sees a hidden panel. */
  readonly cost: CostCheck;
}

export type QuickStep = { readonly kind: 'wait' } | { readonly kind: 'fail'; readonly message: string } | { readonly kind: 'generate' };

/** What a quick run does next: wait for the selection's references, refuse with the first problem, or generate. */
export function quickStep({ references, sent, tags, prompt, blockers, cost }: QuickView): QuickStep {
  if (references.version === 0 || sent.some(isPending)) return { kind: 'wait' };
  const overLimit =
    cost.kind === 'over' ? `It costs about ${creditsText(cost.credits)}, over your limit of ${cost.limit}: generate from the panel.` : null;
  // The panel's own reasons first: a reference that failed explains an @tag that names nothing better than the tag does.
  const problem = blockers[0] ?? quickPromptProblem(prompt, tags) ?? overLimit;
  return problem === null ? { kind: 'generate' } : { kind: 'fail', message: problem };
}

/** A quick run's ending, as the sandbox is told it. */
export type QuickOutcome =
  | { readonly type: 'quick-done'; readonly payload: UiToMain['quick-done'] }
  | { readonly type: 'quick-failed'; readonly payload: UiToMain['quick-failed'] };

function failureOf(variation: Variation): string | null {
  if (variation.phase === 'failed') return variation.failure.message;
  return variation.phase === 'place-failed' ? variation.message : null;
}

/** How the run ended once nothing is left to make or place: the first layer placed, else the first failure; else null. */
export function quickOutcome(run: RunState): QuickOutcome | null {
  if (run.phase !== 'run' || isBusy(run)) return null;
  for (const variation of run.variations) if (variation.phase === 'placed') return { type: 'quick-done', payload: {} };
  const message = run.variations.map(failureOf).find((text) => text !== null);
  return message ? { type: 'quick-failed', payload: { message } } : null;
}
