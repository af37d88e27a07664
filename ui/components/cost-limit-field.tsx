// Settings → the cost limit: runs estimated above it ask before they start. Empty means the default limit.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_LIMIT_GENERATIONS } from '../state/cost-guard';

interface CostLimitFieldProps {
  /** The saved limit in credits, or null for the default. */
  readonly saved: number | null;
  /** The default limit for the chosen model, when its price is known. */
  readonly defaultLimit: number | null;
  /** Saves a limit (null: the default); a number the settings refuse is explained by the settings' notice. */
  readonly onSave: (limit: number | null) => void;
  /** Says why the typed text is not a number. */
  readonly onProblem: (message: string) => void;
}

/** The "Ask before runs over … credits" field. */
export function CostLimitField({ saved, defaultLimit, onSave, onProblem }: CostLimitFieldProps) {
  const [draft, setDraft] = useState(saved === null ? '' : String(saved));
  useEffect(() => setDraft(saved === null ? '' : String(saved)), [saved]);

  function save(): void {
    const text = draft.trim();
    if (text === '') return onSave(null);
    const limit = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(limit)) return onProblem(`“${text.slice(0, 20)}” is not a number of credits: type one like 20, or leave it empty.`);
    onSave(limit);
  }

  return (
    <div class="stack">
      <div class="row">
        <label for="cost-limit">Ask before runs over</label>
        <input
          id="cost-limit"
          class="grow"
          inputMode="decimal"
          value={draft}
          placeholder={defaultLimit === null ? 'default' : String(defaultLimit)}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={save}
          aria-describedby="cost-limit-help"
        />
        <span>credits</span>
      </div>
      <p id="cost-limit-help" class="hint">
        Empty: more than {DEFAULT_LIMIT_GENERATIONS} generations’ worth
        {defaultLimit === null ? '' : ` (${defaultLimit} credits for this model)`}. Segmind’s price is known after its first answer.
      </p>
    </div>
  );
}
