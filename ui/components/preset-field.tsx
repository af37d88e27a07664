// The use-case preset: sets the ratio, fills an empty prompt with a starter (or offers it when something is
// typed) and says which references to select. Only presets the provider can make are listed.
import type { OfferedPreset } from '../state/presets';

interface PresetFieldProps {
  readonly presets: readonly OfferedPreset[];
  /** The chosen preset's id, or '' for None. */
  readonly value: string;
  /** True when the prompt holds something other than the chosen preset's starter: it is offered, not forced. */
  readonly canUseStarter: boolean;
  readonly onChange: (id: string) => void;
  readonly onUseStarter: () => void;
}

function presetLabel({ preset, ratio, exact }: OfferedPreset): string {
  return exact ? `${preset.label} — ${ratio.value}` : `${preset.label} — ${ratio.value} (nearest to ${preset.ratio})`;
}

/** The Preset section; nothing when the provider can make none of them. */
export function PresetField({ presets, value, canUseStarter, onChange, onUseStarter }: PresetFieldProps) {
  if (presets.length === 0) return null;
  const chosen = presets.find((offered) => offered.preset.id === value) ?? null;
  return (
    <>
      <label for="preset">Preset</label>
      <select
        id="preset"
        value={chosen?.preset.id ?? ''}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby="preset-tip"
      >
        <option value="">None</option>
        {presets.map((offered) => (
          <option key={offered.preset.id} value={offered.preset.id}>
            {presetLabel(offered)}
          </option>
        ))}
      </select>
      {chosen && (
        <div class="row under">
          <p id="preset-tip" class="hint grow">
            {chosen.preset.tip}
          </p>
          {canUseStarter && (
            <button type="button" class="nowrap" title={chosen.preset.starter} onClick={onUseStarter}>
              Use starter
            </button>
          )}
        </div>
      )}
    </>
  );
}
