// Output sizes the providers accept. A ratio string is the API's own value ("1280:720"),
// which is also the pixel size of the image the provider returns.

/** One output size a provider accepts. */
export interface RatioOption {
  /** The API's value, e.g. "1280:720". */
  readonly value: string;
  readonly width: number;
  readonly height: number;
  /** What the size is good for, shown next to it. */
  readonly hint: string;
}

/** Segmind's runway-gen4-image ratios (CONTRACTS §1), in the order the panel lists them. */
export const SEGMIND_RATIOS: readonly RatioOption[] = [
  { value: '1280:720', width: 1280, height: 720, hint: '16:9, YouTube, slides' },
  { value: '1920:1080', width: 1920, height: 1080, hint: '16:9 Full HD, game assets, wallpapers' },
  { value: '720:1280', width: 720, height: 1280, hint: '9:16, Reels' },
  { value: '1080:1920', width: 1080, height: 1920, hint: '9:16 Full HD, Stories/TikTok' },
  { value: '960:960', width: 960, height: 960, hint: '1:1, square post' },
  { value: '1104:832', width: 1104, height: 832, hint: '4:3, product shots' },
  { value: '832:1104', width: 832, height: 1104, hint: '3:4, portraits, try-on' },
  { value: '1584:672', width: 1584, height: 672, hint: '21:9, wide interiors, banners' },
];

export const DEFAULT_RATIO = '1280:720';

/** The option for `value` among `options`, or null when the provider does not offer it. */
export function findRatio(options: readonly RatioOption[], value: unknown): RatioOption | null {
  return options.find((option) => option.value === value) ?? null;
}

/** Parses "W:H" into positive whole pixel sizes, or null when it is not one. */
export function parseRatio(value: string): { width: number; height: number } | null {
  const match = /^(\d{1,5}):(\d{1,5})$/.exec(value);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The label shown in the ratio picker: "1280:720 — 16:9, YouTube, slides". */
export function ratioLabel(option: RatioOption): string {
  return `${option.value} — ${option.hint}`;
}
