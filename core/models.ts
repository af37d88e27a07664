// The model catalogue: every model the plugin offers, with its ratios, reference limits and price, declared
// once. The settings (core/settings.ts, which the sandbox also runs) check what they store against it, and the
// providers (ui/providers/) describe their models with it.
import { DEFAULT_RATIO, findRatio, isRunway1080pTier, RUNWAY_RATIOS, SEGMIND_RATIOS } from './ratios';
import type { RatioOption } from './ratios';

/** What one model can do; the panel offers only what the chosen model supports. */
export interface ModelCapabilities {
  /** The API's model id, saved with each generated layer, e.g. "runway-gen4-image", "gen4_image". */
  readonly id: string;
  /** Shown to the designer, e.g. "Gen-4 Image Turbo". */
  readonly label: string;
  readonly ratios: readonly RatioOption[];
  readonly defaultRatio: string;
  readonly minReferences: number;
  readonly maxReferences: number;
  readonly supportsSeed: boolean;
  /** Credits one image at `ratio` costs before it runs, or null when the provider doesn't publish it. */
  estimateCredits(ratio: string): number | null;
}

/** Segmind's one model, also the last part of its endpoint's path. */
export const SEGMIND_MODEL = 'runway-gen4-image';
export const GEN4_IMAGE = 'gen4_image';
export const GEN4_IMAGE_TURBO = 'gen4_image_turbo';
/** Runway takes at most this many references (CONTRACTS §2); Segmind's endpoint is Runway's model behind it. */
export const MAX_RUNWAY_REFERENCES = 3;
export const GEN4_IMAGE_1080P_CREDITS = 8;
export const GEN4_IMAGE_720P_CREDITS = 5;
export const GEN4_IMAGE_TURBO_CREDITS = 2;

/** The one model behind Segmind's endpoint: references required (CONTRACTS §1), no seed, price not published. */
export const SEGMIND_GEN4_IMAGE_MODEL: ModelCapabilities = {
  id: SEGMIND_MODEL,
  label: 'Gen-4 Image',
  ratios: SEGMIND_RATIOS,
  defaultRatio: DEFAULT_RATIO,
  minReferences: 1,
  maxReferences: MAX_RUNWAY_REFERENCES,
  supportsSeed: false,
  estimateCredits: () => null,
};

/** The 720p-tier ratios, for pricing: an unknown ratio has no price. */
const RUNWAY_720P_VALUES = new Set(RUNWAY_RATIOS.filter((option) => !isRunway1080pTier(option.value)).map((o) => o.value));

/** Runway's gen4_image: 0–3 references, 8 credits at 1080p, 5 at 720p. */
export const GEN4_IMAGE_MODEL: ModelCapabilities = {
  id: GEN4_IMAGE,
  label: 'Gen-4 Image',
  ratios: RUNWAY_RATIOS,
  defaultRatio: '1920:1080',
  minReferences: 0,
  maxReferences: MAX_RUNWAY_REFERENCES,
  supportsSeed: true,
  estimateCredits: (ratio) =>
    isRunway1080pTier(ratio) ? GEN4_IMAGE_1080P_CREDITS : RUNWAY_720P_VALUES.has(ratio) ? GEN4_IMAGE_720P_CREDITS : null,
};

/** Runway's gen4_image_turbo: 1–3 references required, 2 credits at any ratio. */
export const GEN4_IMAGE_TURBO_MODEL: ModelCapabilities = {
  id: GEN4_IMAGE_TURBO,
  label: 'Gen-4 Image Turbo',
  ratios: RUNWAY_RATIOS,
  defaultRatio: '1920:1080',
  minReferences: 1,
  maxReferences: MAX_RUNWAY_REFERENCES,
  supportsSeed: true,
  estimateCredits: (ratio) => (findRatio(RUNWAY_RATIOS, ratio) ? GEN4_IMAGE_TURBO_CREDITS : null),
};

/** Segmind's models, the default first. */
export const SEGMIND_MODELS: readonly ModelCapabilities[] = [SEGMIND_GEN4_IMAGE_MODEL];

/** Runway's models, the default first. */
export const RUNWAY_MODELS: readonly ModelCapabilities[] = [GEN4_IMAGE_MODEL, GEN4_IMAGE_TURBO_MODEL];

/** The model `id`, or null when Runway has no such model. */
export function runwayModel(id: string): ModelCapabilities | null {
  return RUNWAY_MODELS.find((model) => model.id === id) ?? null;
}
