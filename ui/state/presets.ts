// Starting points from the seed's use-case table: each wants an output ratio, offers a prompt starter that
// mentions the references by @tag, and a tip on which layers to select. Pure: the panel shows what
// `presetsFor` offers for the current model's ratios.
import { aspectDistance, closestRatio, parseRatio } from '../../core/ratios';
import type { RatioOption } from '../../core/ratios';
import { sameTag, tagProblem } from '../../core/tags';

/** One use case the panel can set up in one step. */
export interface Preset {
  readonly id: string;
  readonly label: string;
  /** The ratio the use case wants, "W:H"; a provider without it gets its nearest. */
  readonly ratio: string;
  /** A prompt to start from; its @tags name the references the tip asks for. */
  readonly starter: string;
  /** The starter's @tags in the order the tip asks for the layers: the first card takes the first role, and so on. */
  readonly roles: readonly string[];
  /** One line on which layers to select as references and how to tag them. */
  readonly tip: string;
}

/** A preset with the ratio the provider will actually make for it. */
export interface OfferedPreset {
  readonly preset: Preset;
  readonly ratio: RatioOption;
  /** False when the provider lacks the wanted ratio and its nearest is used instead. */
  readonly exact: boolean;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'virtual-try-on',
    label: 'Virtual try-on',
    ratio: '1280:720',
    starter: '@model wearing @cloth, full-body fashion photo, studio light',
    roles: ['model', 'cloth'],
    tip: 'Select a photo of the person tagged model and a flat shot of the garment tagged cloth.',
  },
  {
    id: 'game-asset',
    label: 'Game asset',
    ratio: '1920:1080',
    starter: '@hero standing in @scene, game key art, dramatic rim light, high detail',
    roles: ['hero', 'scene'],
    tip: 'Select a character sheet tagged hero and an environment sketch or mood image tagged scene.',
  },
  {
    id: 'interior-design',
    label: 'Interior design',
    ratio: '1584:672',
    starter: '@sofa in @room, wide interior photo, soft daylight, editorial style',
    roles: ['room', 'sofa'],
    tip: 'Select a photo of the empty room tagged room and the furniture product shot tagged sofa.',
  },
  {
    id: 'social-promo',
    label: 'Social promo',
    ratio: '1080:1920',
    starter: '@product on @backdrop, vertical social ad, bold composition, space for a headline at the top',
    roles: ['product', 'backdrop'],
    tip: 'Select the product cut-out tagged product and a brand texture or scene tagged backdrop.',
  },
  {
    id: 'square-post',
    label: 'Square post',
    ratio: '960:960',
    starter: '@product centred on a clean background in the @style palette, square social post',
    roles: ['product', 'style'],
    tip: 'Select the product shot tagged product and a brand board or past post tagged style.',
  },
];

// Farther than this (|log(aspect a / aspect b)|, about 12 % wider or taller) a ratio no longer serves the use
// case: 16:9 for a 21:9 banner would crop the layout it was wanted for, so the preset is not offered.
const MAX_ASPECT_DISTANCE = Math.log(1.12);

/** The offered ratio nearest in aspect to `wanted` ("W:H"), the first listed on a tie; null when none is close. */
export function nearestRatio(ratios: readonly RatioOption[], wanted: string): RatioOption | null {
  const size = parseRatio(wanted);
  if (size === null) throw new Error(`A preset ratio must be "width:height" in whole pixels, not "${wanted}".`);
  const best = closestRatio(ratios, size);
  return best !== null && aspectDistance(best, size) <= MAX_ASPECT_DISTANCE ? best : null;
}

/** The presets a provider with `ratios` can make, each with its ratio: the wanted one, else the nearest. */
export function presetsFor(ratios: readonly RatioOption[], presets: readonly Preset[] = PRESETS): OfferedPreset[] {
  const offered: OfferedPreset[] = [];
  for (const preset of presets) {
    const exact = ratios.find((option) => option.value === preset.ratio);
    const ratio = exact ?? nearestRatio(ratios, preset.ratio);
    if (ratio !== null) offered.push({ preset, ratio, exact: exact !== undefined });
  }
  return offered;
}

/**
 * The preset's starter written with the designer's own tags. A card already tagged like a role (a card tagged "room"
 * for the room) keeps that role; the other roles go to the other cards in order (the first card left is the room or
 * the model, the next the product or garment…). Roles without a card keep the preset's word, as do roles whose card's
 * tag is not valid yet (the prompt could not name it).
 */
export function starterFor(preset: Preset, tags: readonly string[]): string {
  const named = new Map(preset.roles.map((role) => [role, tags.find((tag) => sameTag(tag, role))] as const));
  // An invalid tag still holds its card's place in the order: the cards after it keep theirs.
  const free = tags.filter((tag) => ![...named.values()].includes(tag));
  const tagOf = new Map(preset.roles.map((role) => [role, named.get(role) ?? free.shift()] as const));
  // One pass over the starter, so a tag that is also a role's word can't be renamed twice.
  return preset.starter.replace(/@([A-Za-z][A-Za-z0-9_]*)/g, (mention, word: string) => {
    const tag = tagOf.get(word);
    return tag === undefined || tagProblem(tag) !== null ? mention : `@${tag}`;
  });
}
