// Prompt rules: Runway counts 1–1000 UTF-16 code units (CONTRACTS §2), which is what
// String.prototype.length counts. References are named in the prompt as @tag.
import { sameTag, tagProblem } from './tags';

export const MAX_PROMPT_LENGTH = 1000;

/** An @mention found in the prompt, with its position (UTF-16 offsets). */
export interface Mention {
  readonly tag: string;
  readonly start: number;
  readonly end: number;
  /** The reference tag it names, spelled as on the card, or null when no reference has it. */
  readonly matches: string | null;
}

export interface PromptCheck {
  /** UTF-16 code units, as the API counts. */
  readonly length: number;
  /** Reasons Generate is blocked; empty when the prompt can be sent. */
  readonly blockers: readonly string[];
  /** Things worth a look that do not block. */
  readonly warnings: readonly string[];
  readonly mentions: readonly Mention[];
  /** Tags the prompt names that no reference has (each once, as first written): Generate asks before it sends them. */
  readonly unknownTags: readonly string[];
  /** Tags the prompt names whose reference is left out of the request (more are named than the model takes). */
  readonly unsentTags: readonly string[];
}

const MENTION = /(^|[^A-Za-z0-9_@])@([A-Za-z][A-Za-z0-9_]*)/g;

/** Finds the @mentions in `prompt` and which of `tags` each one names. */
export function findMentions(prompt: string, tags: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  for (const match of prompt.matchAll(MENTION)) {
    const tag = match[2] ?? '';
    const start = (match.index ?? 0) + (match[1] ?? '').length;
    mentions.push({ tag, start, end: start + 1 + tag.length, matches: tags.find((t) => sameTag(t, tag)) ?? null });
  }
  return mentions;
}

/** Each tag once, ignoring case (as tags are matched: "@Dog … @dog" is one tag), as first written. */
function distinct(tags: readonly string[]): string[] {
  const seen: string[] = [];
  for (const tag of tags) if (!seen.some((t) => sameTag(t, tag))) seen.push(tag);
  return seen;
}

/**
 * Checks a prompt against the API's limits and the tags of the references sent (`tags`); `leftOut` are references
 * shown but not sent (beyond the model's limit), which the prompt may still name.
 */
export function checkPrompt(prompt: string, tags: readonly string[], leftOut: readonly string[] = []): PromptCheck {
  const length = prompt.length;
  const blockers: string[] = [];
  if (prompt.trim() === '') blockers.push('Write a prompt.');
  else if (length > MAX_PROMPT_LENGTH) {
    blockers.push(`The prompt is ${length - MAX_PROMPT_LENGTH} characters over the ${MAX_PROMPT_LENGTH}-character limit.`);
  }
  const mentions = findMentions(prompt, tags);
  const unnamed = mentions.filter((m) => m.matches === null).map((m) => m.tag);
  const unsentTags = distinct(unnamed.flatMap((tag) => leftOut.filter((other) => sameTag(other, tag))));
  const unknownTags = distinct(unnamed.filter((tag) => !leftOut.some((other) => sameTag(other, tag))));
  const warnings: string[] = [];
  for (const tag of unknownTags) warnings.push(`@${tag} is not the tag of any reference.`);
  for (const tag of unsentTags) warnings.push(`@${tag} is not sent: the prompt names more references than the model takes.`);
  // An invalid tag ("1x") can't be named in a prompt at all: its card says it is invalid, which is the fix; "the
  // prompt does not mention it" would send the designer to the prompt instead.
  const unmentioned = tags.filter(
    (tag) => tagProblem(tag) === null && !mentions.some((m) => m.matches !== null && sameTag(m.matches, tag)),
  );
  for (const tag of unmentioned) warnings.push(`The prompt does not mention @${tag}.`);
  return { length, blockers, warnings, mentions, unknownTags, unsentTags };
}
