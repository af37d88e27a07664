// What Generate asks before it spends credits on a run the designer may not mean: one over the cost limit, or a
// prompt naming @tags no reference in the request has (the model would get the word without its picture). Pure.
import { overLimitText } from './cost-guard';
import type { CostCheck } from './cost-guard';

export interface QuestionInput {
  readonly cost: CostCheck;
  /** From checkPrompt: tags no reference has, and tags of references left out of the request. */
  readonly unknownTags: readonly string[];
  readonly unsentTags: readonly string[];
  /** References one request takes, for the left-out reason. */
  readonly maxReferences: number;
}

function tagList(tags: readonly string[]): string {
  const named = tags.map((tag) => `@${tag}`);
  return named.length < 2 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/** Why Generate should ask first, one sentence each; empty when it can start at once. */
export function questionReasons({ cost, unknownTags, unsentTags, maxReferences }: QuestionInput): string[] {
  const reasons: string[] = [];
  if (unknownTags.length > 0) reasons.push(`The prompt names ${tagList(unknownTags)}, which no reference has.`);
  if (unsentTags.length > 0) {
    const verb = unsentTags.length === 1 ? 'is' : 'are';
    reasons.push(`${tagList(unsentTags)} ${verb} not sent: the model takes ${maxReferences} references and the prompt names more.`);
  }
  if (cost.kind === 'over') reasons.push(overLimitText(cost));
  return reasons;
}

/** The question Generate asks for `reasons`, or null when there are none. */
export function questionText(reasons: readonly string[]): string | null {
  return reasons.length === 0 ? null : `${reasons.join(' ')} Generate anyway?`;
}
