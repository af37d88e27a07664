// The aspect ratio: the provider's sizes with what each is good for, and the pixel size of the new layer.
import { findRatio, ratioLabel } from '../../core/ratios';
import type { RatioOption } from '../../core/ratios';

interface RatioFieldProps {
  readonly ratios: readonly RatioOption[];
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Set when the ratio follows the target's shape (Place into): the field is locked and says why. */
  readonly fittedTo?: string | null;
}

/** The Aspect ratio row of the options. */
export function RatioField({ ratios, value, onChange, fittedTo = null }: RatioFieldProps) {
  const option = findRatio(ratios, value);
  return (
    <>
      <label for="ratio">Aspect ratio</label>
      <select
        id="ratio"
        value={value}
        disabled={fittedTo !== null}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby="ratio-size"
      >
        {ratios.map((ratio) => (
          <option key={ratio.value} value={ratio.value}>
            {ratioLabel(ratio)}
          </option>
        ))}
      </select>
      {option && (
        <p id="ratio-size" class="hint under">
          {fittedTo ?? 'New layer'}: {option.width} × {option.height} px
        </p>
      )}
    </>
  );
}
