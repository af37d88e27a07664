// The prompt: a multi-line field with its length against the API's limit, the reference tags as chips
// (marked when the prompt mentions them; a click inserts "@tag"), and warnings that don't block.
import { useEffect, useRef } from 'preact/hooks';
import { MAX_PROMPT_LENGTH } from '../../core/prompt';
import type { PromptCheck } from '../../core/prompt';
import { sameTag } from '../../core/tags';

interface PromptFieldProps {
  readonly value: string;
  readonly check: PromptCheck;
  /** The valid tags of the references that will be sent. */
  readonly tags: readonly string[];
  readonly onInput: (value: string) => void;
}

/** The Prompt section. */
export function PromptField({ value, check, tags, onInput }: PromptFieldProps) {
  const field = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once an inserted tag has been rendered into the field.
  const caret = useRef<number | null>(null);
  useEffect(() => {
    const position = caret.current;
    if (position === null || !field.current) return;
    caret.current = null;
    field.current.focus();
    field.current.setSelectionRange(position, position);
  }, [value]);

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
  const warnings = value.trim() === '' ? [] : check.warnings;
  return (
    <section class="section">
      <div class="row spread">
        <label for="prompt" class="h2">
          Prompt
        </label>
        <span id="prompt-count" class={over ? 'count is-over' : 'count'}>
          {check.length} / {MAX_PROMPT_LENGTH}
        </span>
      </div>
      <textarea
        id="prompt"
        ref={field}
        rows={4}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        placeholder="@Model wearing @Jacket on a beach at sunset"
        aria-invalid={over ? 'true' : 'false'}
        aria-describedby="prompt-count prompt-warnings"
      />
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
