// The use-case preset: the ones the model's ratios allow, the one shown as chosen, and what picking one does.
import { presetsFor, starterFor } from '../state/presets';
import type { OfferedPreset } from '../state/presets';
import type { DraftHandle } from './use-draft';
import type { ModelChoice } from './use-model-choice';

export interface PresetChoice {
  readonly presets: readonly OfferedPreset[];
  /** The preset shown as chosen, or null for None. */
  readonly preset: OfferedPreset | null;
  /** True when the prompt holds something other than the chosen preset's starter (in the cards' tags). */
  readonly canUseStarter: boolean;
  /**
   * What a run's layers, section and notification are called instead of the prompt's short title: the chosen
   * preset's label while the prompt is still its starter ("Virtual try-on" says more than "model wearing cloth,
   * full-body…"); null once the designer wrote words of their own, which then name the run (core/layout.ts runTitle).
   */
  readonly title: string | null;
  /** Picks a preset: its ratio, and its starter in an empty prompt. */
  choose(id: string): void;
  /** Writes the chosen preset's starter over the prompt. */
  applyStarter(): void;
}

/**
 * The preset for `choice`'s model, kept with `draft` (derived each render: it holds no state of its own). Its
 * starter is written with `tags`, the usable cards' tags in order (ui/state/presets.ts starterFor).
 */
export function presetChoice(choice: ModelChoice, draft: DraftHandle, tags: readonly string[]): PresetChoice {
  const { ratio } = choice;
  const presets = presetsFor(choice.model.ratios);
  // A preset shows as chosen only while the ratio is its own: picking another ratio returns the field to None.
  const preset = presets.find((offered) => offered.preset.id === draft.presetId && offered.ratio.value === ratio) ?? null;
  const starter = preset !== null && draft.prompt === starterFor(preset.preset, tags);
  return {
    presets,
    preset,
    canUseStarter: preset !== null && !starter,
    title: starter ? preset.preset.label : null,
    choose(id) {
      draft.setPresetId(id);
      const chosen = presets.find((offered) => offered.preset.id === id);
      if (!chosen) return;
      if (chosen.ratio.value !== ratio) choice.changeRatio(chosen.ratio.value);
      // Never over typed text: then the starter is offered by "Use starter" instead.
      if (draft.prompt.trim() === '') draft.setPrompt(starterFor(chosen.preset, tags));
    },
    applyStarter() {
      if (preset) draft.setPrompt(starterFor(preset.preset, tags));
    },
  };
}
