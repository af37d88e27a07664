// The model, for a provider that offers more than one, each with the references it takes (its price shows
// under Generate).
import type { ModelCapabilities } from '../../core/models';

interface ModelFieldProps {
  readonly models: readonly ModelCapabilities[];
  readonly value: string;
  readonly onChange: (id: string) => void;
}

function modelHint(model: ModelCapabilities): string {
  return `${model.minReferences}–${model.maxReferences} references`;
}

/** The Model section; nothing when there is only one model to choose. */
export function ModelField({ models, value, onChange }: ModelFieldProps) {
  if (models.length < 2) return null;
  return (
    <>
      <label for="model">Model</label>
      <select id="model" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {`${model.label} — ${modelHint(model)}`}
          </option>
        ))}
      </select>
    </>
  );
}
