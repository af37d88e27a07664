// The prompt: a multi-line field with its length against the API's limit, the reference tags as chips
// (marked when the prompt mentions them; a click inserts "@tag"), a list of the tags that fit an "@" being
// typed (picked with the keyboard or the mouse), and warnings that don't block.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_PROMPT_LENGTH } from '../../core/prompt';
import type { PromptCheck } from '../../core/prompt';
import { sameTag } from '../../core/tags';
import { insertMention, matchingTags, mentionQueryAt, type MentionQuery } from '../state/mention-query';

const MENTION_LIST_ID = 'prompt-mentions';

interface PromptFieldProps {
  readonly value: string;
  readonly check: PromptCheck;
  /** Checks another text as `check` checks `value` (the references it would send follow its mentions). */
  readonly recheck: (text: string) => PromptCheck;
  /** The valid tags of the references shown, which the prompt may name. */
  readonly tags: readonly string[];
  readonly onInput: (value: string) => void;
}

/** The Prompt section. */
export function PromptField({ value, check, recheck, tags, onInput }: PromptFieldProps) {
  const field = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once an inserted tag has been rendered into the field.
  const caret = useRef<number | null>(null);
  // The caret while the field has focus and nothing is selected; null closes the list.
  const [at, setAt] = useState<number | null>(null);
  // Runs after every render: a picked tag can leave the text unchanged ("@model" → "@model "), and the caret
  // must still move.
  useEffect(() => {
    const position = caret.current;
    if (position === null || !field.current) return;
    caret.current = null;
    field.current.focus();
    field.current.setSelectionRange(position, position);
    // Focusing reported the old caret; the list must follow the new one.
    setAt(position);
  });

  const [activeTag, setActiveTag] = useState<string | null>(null);
  // The mention the designer closed with Escape; the list stays closed until the mention changes.
  const [dismissed, setDismissed] = useState<MentionQuery | null>(null);

  function track(target: HTMLTextAreaElement): void {
    const focused = target.ownerDocument.activeElement === target;
    setAt(focused && target.selectionStart === target.selectionEnd ? target.selectionStart : null);
  }

  const mention = at === null ? null : mentionQueryAt(value, at);
  const isDismissed = mention !== null && dismissed !== null && mention.start === dismissed.start && mention.query === dismissed.query;
  const options = mention === null || isDismissed ? [] : matchingTags(tags, mention.query);
  const open = options.length > 0;
  const active = Math.max(0, options.indexOf(activeTag ?? ''));

  function pick(tag: string): void {
    if (!mention) return;
    const inserted = insertMention(value, mention, tag);
    caret.current = inserted.caret;
    setActiveTag(null);
    onInput(inserted.text);
  }

  function onKeyDown(event: KeyboardEvent): void {
    // Ctrl/Cmd+Enter is the panel's Generate shortcut (session/use-generate-shortcut.ts) and an IME composing text
    // owns its keys.
    if (!open || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      setActiveTag(options[(active + step + options.length) % options.length]);
    } else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) {
      pick(options[active]);
    } else if (event.key === 'Escape') {
      setDismissed(mention);
    } else {
      return;
    }
    event.preventDefault();
  }

  function insert(tag: string): void {
    const start = field.current?.selectionStart ?? value.length;
    const end = field.current?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    const after = value.slice(end);
    // Spaced from the words around it, so the mention is recognised and typing can go on.
    const text = `${before === '' || /\s$/.test(before) ? '' : ' '}@${tag}${/^\s/.test(after) ? '' : ' '}`;
    caret.current = start + text.length;
    onInput(before + text + after);
  }

  const over = check.length > MAX_PROMPT_LENGTH;
  // A mention still being picked from the list ("@cl") is no unknown tag yet: warn once it is finished.
  const typing = open && mention ? check.mentions.find((m) => m.start === mention.start && m.matches === null) : undefined;
  const shown = typing ? recheck(value.slice(0, typing.start) + value.slice(typing.end)) : check;
  const warnings = value.trim() === '' ? [] : shown.warnings;
  return (
    <section class="group">
      <div class="row spread">
        <label for="prompt">Prompt</label>
        <span id="prompt-count" class={over ? 'count is-over' : 'count'}>
          {check.length} / {MAX_PROMPT_LENGTH}
        </span>
      </div>
      <div class="mention-anchor">
        <textarea
          id="prompt"
          ref={field}
          rows={3}
          value={value}
          onInput={(event) => {
            track(event.currentTarget);
            onInput(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(event) => track(event.currentTarget)}
          onClick={(event) => track(event.currentTarget)}
          onFocus={(event) => track(event.currentTarget)}
          onBlur={() => setAt(null)}
          placeholder="@Model wearing @Jacket on a beach at sunset"
          aria-invalid={over ? 'true' : 'false'}
          aria-describedby="prompt-count prompt-warnings"
          aria-autocomplete="list"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={open ? MENTION_LIST_ID : undefined}
          aria-activedescendant={open ? `${MENTION_LIST_ID}-${active}` : undefined}
        />
        {open && (
          <ul id={MENTION_LIST_ID} class="mentions" role="listbox" aria-label="Reference tags">
            {options.map((tag, index) => (
              <li
                key={tag}
                id={`${MENTION_LIST_ID}-${index}`}
                role="option"
                aria-selected={index === active ? 'true' : 'false'}
                class={index === active ? 'mention is-active' : 'mention'}
                // Keeps the focus (and the caret) in the prompt while the option is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActiveTag(tag)}
                onClick={() => pick(tag)}
              >
                @{tag}
              </li>
            ))}
          </ul>
        )}
      </div>
      {tags.length > 0 && (
        <div class="row wrap" role="group" aria-label="Insert a reference tag">
          {tags.map((tag) => {
            const mentioned = check.mentions.some((m) => m.matches !== null && sameTag(m.matches, tag));
            return (
              <button type="button" key={tag} class={mentioned ? 'chip is-on' : 'chip'} onClick={() => insert(tag)}>
                @{tag}
                <span class="sr">{mentioned ? ' (in the prompt)' : ' (not in the prompt)'}</span>
              </button>
            );
          })}
        </div>
      )}
      <ul id="prompt-warnings" class="warnings">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </section>
  );
}
