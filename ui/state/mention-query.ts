// Prompt help: the "@tag" being typed at the caret, the tags that fit it, and the text once one is picked.

/** A partial mention at the caret: "@" at `start`, the word running to `end`, `query` the part before the caret. */
export interface MentionQuery {
  readonly start: number;
  readonly end: number;
  readonly query: string;
}

/** A prompt after a tag was picked, and where the caret goes. */
export interface MentionInsertion {
  readonly text: string;
  readonly caret: number;
}

// Tag characters (core/tags.ts): a mention is "@" followed by these.
const TAG_CHAR = /[A-Za-z0-9_]/;

function isTagChar(char: string | undefined): boolean {
  return char !== undefined && TAG_CHAR.test(char);
}

/**
 * The mention being typed when the caret sits right after "@" and tag characters, or null; an "@" inside a
 * word ("name@host") is not a mention.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  if (caret < 0 || caret > text.length) return null;
  let at = caret;
  while (at > 0 && isTagChar(text[at - 1])) at -= 1;
  const start = at - 1;
  if (start < 0 || text[start] !== '@' || isTagChar(text[start - 1])) return null;
  let end = caret;
  while (end < text.length && isTagChar(text[end])) end += 1;
  return { start, end, query: text.slice(at, caret) };
}

/**
 * The tags starting with `query`, ignoring case, in their order; none when the query already is the only one,
 * so a finished "@tag" leaves Enter to the prompt.
 */
export function matchingTags(tags: readonly string[], query: string): string[] {
  const prefix = query.toLowerCase();
  const matches = tags.filter((tag) => tag.toLowerCase().startsWith(prefix));
  return matches.length === 1 && matches[0].toLowerCase() === prefix ? [] : matches;
}

/**
 * Replaces the whole mention word with "@tag", spaced from what follows (a space is added unless whitespace
 * follows); the caret goes past a following space, but stays on its line before a line break.
 */
export function insertMention(text: string, mention: MentionQuery, tag: string): MentionInsertion {
  const before = text.slice(0, mention.start);
  const after = text.slice(mention.end);
  const inserted = `@${tag}${/^\s/.test(after) ? '' : ' '}`;
  const skip = after.startsWith(' ') ? 1 : 0;
  return { text: before + inserted + after, caret: before.length + inserted.length + skip };
}
