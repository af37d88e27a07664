// Upscale: the selected layer's image made larger by Runway's upscaler, in place (issue 12). Shows the scale and
// size before, progress and Cancel during, what happened after, and Revert to original for a layer upscaled before.
import { useState } from 'preact/hooks';
import { UPSCALE_FLAVOR_LABELS, UPSCALE_FLAVORS } from '../../core/upscale';
import type { UpscaleFlavor } from '../../core/upscale';
import type { UpscaleSource, UpscaleState } from '../session/use-upscale';
import { creditsText } from '../state/cost-guard';

interface UpscalePanelProps {
  readonly state: UpscaleState;
  readonly onStart: () => void;
  readonly onRun: (source: UpscaleSource, flavor: UpscaleFlavor) => void;
  readonly onCancel: () => void;
  readonly onRevert: (source: Pick<UpscaleSource, 'layerId' | 'name' | 'hash' | 'upscaled'>) => void;
  readonly onClose: () => void;
}

export function UpscalePanel({ state, onStart, onRun, onCancel, onRevert, onClose }: UpscalePanelProps) {
  const [flavor, setFlavor] = useState<UpscaleFlavor>('photo');
  if (state.phase === 'idle') {
    return (
      <div class="row" role="group" aria-label="Upscale">
        <button type="button" onClick={onStart}>
          Upscale selected image…
        </button>
      </div>
    );
  }
  const source = state.phase === 'ready' || state.phase === 'ended' ? state.source : null;
  const revert = source?.upscaled && (
    <button type="button" onClick={() => onRevert(source)}>
      Revert to original
    </button>
  );
  return (
    <section class="group upscale" aria-label="Upscale">
      {state.phase === 'ready' &&
        (state.source.plan.ok ? (
          <>
            <p>
              “{state.source.name}”: {state.source.width} × {state.source.height} → ×{state.source.plan.factor}, {state.source.plan.width} ×{' '}
              {state.source.plan.height} px
            </p>
            <div class="row">
              <label for="upscale-flavor">Upscale as</label>
              <select id="upscale-flavor" value={flavor} onChange={(event) => setFlavor(event.currentTarget.value as UpscaleFlavor)}>
                {UPSCALE_FLAVORS.map((id) => (
                  <option key={id} value={id}>
                    {UPSCALE_FLAVOR_LABELS[id]}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <p class="note is-danger" role="alert">
            {state.source.plan.reason}
          </p>
        ))}
      {state.phase === 'running' && (
        <p class="status" role="status">
          Upscaling “{state.name}” ×{state.factor}…{state.progress === null ? '' : ` ${Math.round(state.progress * 100)}%`}
          {state.credits !== null && ` Runway's estimate: up to ${creditsText(state.credits)}.`}
        </p>
      )}
      {state.phase === 'ended' && (
        <p class={`note is-${state.tone}`} role={state.tone === 'danger' ? 'alert' : 'status'}>
          {state.message}
        </p>
      )}
      <div class="row wrap">
        {state.phase === 'ready' && state.source.plan.ok && (
          <button type="button" class="primary" onClick={() => onRun(state.source, flavor)}>
            Upscale ×{state.source.plan.factor}
          </button>
        )}
        {revert}
        {state.phase === 'running' ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          state.phase !== 'placing' && (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )
        )}
      </div>
    </section>
  );
}
