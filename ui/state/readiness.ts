// What stands between the designer and Generate, as short reasons the panel lists under the button.
import { relayNeeded } from '../providers/registry';
import type { ReferenceCard, ReferencesState } from './references';
import { cardTagProblems, isPending, isReady } from './references';

export interface Readiness {
  /** Shown to the designer, e.g. "Segmind". */
  readonly providerLabel: string;
  /** The provider can only be reached through a relay (Runway). */
  readonly needsRelay: boolean;
  readonly hasRelay: boolean;
  readonly hasKey: boolean;
  /** Why the fixed seed can't be sent, or null. */
  readonly seedProblem: string | null;
  /** From core/prompt.ts checkPrompt. */
  readonly promptBlockers: readonly string[];
  readonly references: ReferencesState;
  /** The cards the run sends (sending.ts): only these must be ready. */
  readonly sent: readonly ReferenceCard[];
  readonly minReferences: number;
  /** Why the result has no layer to go into (Place into: Selected layer or Region), or null. */
  readonly targetProblem?: string | null;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The reasons Generate can't start yet, in the order a designer would fix them; empty when it can. */
export function generateBlockers(readiness: Readiness): string[] {
  const { providerLabel, needsRelay, hasRelay, hasKey, seedProblem, promptBlockers, references, sent, minReferences } = readiness;
  const blockers: string[] = [];
  if (needsRelay && !hasRelay) blockers.push(relayNeeded(providerLabel));
  // A relay may hold the team's key, so with one the designer's own key is optional.
  else if (!hasKey && !hasRelay) blockers.push(`Save your ${providerLabel} API key in Settings.`);
  blockers.push(...promptBlockers);
  if (readiness.targetProblem) blockers.push(readiness.targetProblem);
  const { cards } = references;
  const pending = sent.filter(isPending).length;
  const ready = sent.filter(isReady).length;
  if (cards.length === 0 && minReferences > 0) {
    blockers.push(`Select at least ${minReferences === 1 ? 'one layer' : `${minReferences} layers`} on the canvas to use as a reference.`);
  } else if (pending > 0) {
    blockers.push(`Waiting for ${plural(pending, 'reference')} to finish exporting.`);
  } else if (ready < minReferences) {
    blockers.push(
      ready === 0
        ? 'None of the selected layers could be exported: see the messages on their cards.'
        : `Only ${plural(ready, 'reference')} could be exported; the model needs at least ${minReferences}.`,
    );
  }
  cardTagProblems(references).forEach((problem, index) => {
    if (problem) blockers.push(`Tag for “${cards[index]?.name ?? ''}”: ${problem}`);
  });
  if (seedProblem !== null) blockers.push(seedProblem);
  return blockers;
}
