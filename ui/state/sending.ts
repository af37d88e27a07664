// Which reference cards a run sends when there are more than the model takes: the ones the prompt names first,
// then added files (added on purpose), then the selection in order. Pure.
import { checkPrompt, findMentions } from '../../core/prompt';
import type { PromptCheck } from '../../core/prompt';
import { sameTag } from '../../core/tags';
import { isFileId } from './dropped-files';
import type { ReferenceCard } from './references';

export interface Sending {
  /** The cards a run sends, in the order the panel shows them. */
  readonly sent: readonly ReferenceCard[];
  /** Usable cards left out: beyond the model's limit and not named, or named after the limit was reached. */
  readonly left: readonly ReferenceCard[];
}

/** The cards of `usable` (in panel order) a run with `prompt` sends, at most `max`. */
export function chooseSent(usable: readonly ReferenceCard[], prompt: string, max: number): Sending {
  const named = new Set<ReferenceCard>();
  for (const mention of findMentions(
    prompt,
    usable.map((card) => card.tag),
  )) {
    const card = mention.matches === null ? undefined : usable.find((candidate) => sameTag(candidate.tag, mention.matches as string));
    if (card) named.add(card);
  }
  const priority = [
    ...usable.filter((card) => named.has(card)),
    ...usable.filter((card) => !named.has(card) && isFileId(card.id)),
    ...usable.filter((card) => !named.has(card) && !isFileId(card.id)),
  ];
  const chosen = new Set(priority.slice(0, Math.max(0, max)));
  return { sent: usable.filter((card) => chosen.has(card)), left: usable.filter((card) => !chosen.has(card)) };
}

/** Why each card of `left` is not sent, by card id, as its card says it; `unsentTags` are those the prompt names. */
export function leftOutNotes(left: readonly ReferenceCard[], unsentTags: readonly string[], max: number): Map<string, string> {
  const limit = `the model takes ${max} reference${max === 1 ? '' : 's'}`;
  return new Map(
    left.map((card) => [
      card.id,
      unsentTags.some((tag) => sameTag(tag, card.tag))
        ? `Not sent: ${limit}, and the prompt names more.`
        : `Not sent: ${limit}. Mention @${card.tag} in the prompt to send it.`,
    ]),
  );
}

/** What a run with `prompt` sends from `usable`, and the prompt checked against exactly that. */
export function planSending(usable: readonly ReferenceCard[], prompt: string, max: number): Sending & { readonly check: PromptCheck } {
  const sending = chooseSent(usable, prompt, max);
  const tags = (cards: readonly ReferenceCard[]): string[] => cards.map((card) => card.tag);
  return { ...sending, check: checkPrompt(prompt, tags(sending.sent), tags(sending.left)) };
}
