// Place into: a new layer, the selected layer's fill, or a region of a frame; and the target the selection gives,
// shown apart from the references so it is clear which selected layer is filled.
import { sizeLabel } from '../../core/place-into';
import { PLACE_INTO_MODES } from '../../core/protocol';
import type { PlaceInto } from '../../core/protocol';
import type { PanelTarget } from '../state/place-into';

const LABELS: Readonly<Record<PlaceInto, string>> = { 'new-layer': 'New layer', 'selected-layer': 'Selected layer', region: 'Region' };

const HELP: Readonly<Record<Exclude<PlaceInto, 'new-layer'>, string>> = {
  'selected-layer': 'The image becomes the target’s fill; its size and place stay.',
  region: 'The frame goes along as a reference; the image covers just the region.',
};

interface PlaceIntoFieldProps {
  readonly value: PlaceInto;
  readonly placing: PanelTarget;
  readonly onChange: (mode: PlaceInto) => void;
  /** The designer picks another selected layer as the target. */
  readonly onChoose: (layerId: string) => void;
}

/** The Place into row of the options, with its Target card. */
export function PlaceIntoField({ value, placing, onChange, onChoose }: PlaceIntoFieldProps) {
  const { target, problem, choices } = placing;
  return (
    <>
      <label for="place-into">Place into</label>
      <select
        id="place-into"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value as PlaceInto)}
        aria-describedby={value === 'new-layer' ? undefined : 'place-into-help'}
      >
        {PLACE_INTO_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {LABELS[mode]}
          </option>
        ))}
      </select>
      {/* New layer needs no word: the placeholders show where the images go. */}
      {value !== 'new-layer' && (
        <p id="place-into-help" class="hint under">
          {HELP[value]}
        </p>
      )}
      {target ? (
        <div class="target stack under" role="group" aria-label="Target">
          <span class="hint">{value === 'region' ? 'Target region' : 'Target'}</span>
          <span class="name" title={target.name}>
            {target.name} <span class="hint">{sizeLabel(target)}</span>
          </span>
          {choices.length > 1 && (
            <select aria-label="Target layer" value={target.id} onChange={(event) => onChoose(event.currentTarget.value)}>
              {choices.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          )}
        </div>
      ) : (
        problem && <p class="note is-danger under">{problem}</p>
      )}
    </>
  );
}
