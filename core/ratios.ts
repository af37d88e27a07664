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

/** Runway's gen4_image / gen4_image_turbo ratios (CONTRACTS §2): the 1080p tier first, then the 720p tier. */
export const RUNWAY_RATIOS: readonly RatioOption[] = [
  { value: '1920:1080', width: 1920, height: 1080, hint: '16:9 Full HD, game assets, wallpapers' },
  { value: '1080:1920', width: 1080, height: 1920, hint: '9:16 Full HD, Stories/TikTok' },
  { value: '1024:1024', width: 1024, height: 1024, hint: '1:1, square post' },
  { value: '1080:1080', width: 1080, height: 1080, hint: '1:1 Full HD, Instagram post' },
  { value: '1168:880', width: 1168, height: 880, hint: '4:3, product shots' },
  { value: '1360:768', width: 1360, height: 768, hint: '16:9, web banners' },
  { value: '1440:1080', width: 1440, height: 1080, hint: '4:3 Full HD, presentations' },
  { value: '1080:1440', width: 1080, height: 1440, hint: '3:4 Full HD, portraits, try-on' },
  { value: '1808:768', width: 1808, height: 768, hint: '21:9, wide interiors, banners' },
  { value: '2112:912', width: 2112, height: 912, hint: '21:9 wide, cinematic' },
  { value: '1280:720', width: 1280, height: 720, hint: '16:9, YouTube, slides (720p)' },
  { value: '720:1280', width: 720, height: 1280, hint: '9:16, Reels (720p)' },
  { value: '720:720', width: 720, height: 720, hint: '1:1, square (720p)' },
  { value: '960:720', width: 960, height: 720, hint: '4:3 (720p)' },
  { value: '720:960', width: 720, height: 960, hint: '3:4, portraits (720p)' },
  { value: '1680:720', width: 1680, height: 720, hint: '21:9, wide (720p)' },
];

/** Runway bills the ratios of its 1080p tier higher than those of its 720p tier (CONTRACTS §2). */
export function isRunway1080pTier(value: string): boolean {
  const index = RUNWAY_RATIOS.findIndex((option) => option.value === value);
  return index >= 0 && index < 10;
}

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

/** |log| of the aspect quotient: symmetric, so 2:1 against 1:1 is as far as 1:2 against 1:1. */
export function aspectDistance(a: { width: number; height: number }, b: { width: number; height: number }): number {
  return Math.abs(Math.log(a.width / a.height) - Math.log(b.width / b.height));
}

/** The option nearest in aspect to `size` (the first listed on a tie), or null when there are no options. */
export function closestRatio(options: readonly RatioOption[], size: { width: number; height: number }): RatioOption | null {
  let best: RatioOption | null = null;
  for (const option of options) {
    if (best === null || aspectDistance(option, size) < aspectDistance(best, size)) best = option;
  }
  return best;
}

/** The label shown in the ratio picker: "1280:720 — 16:9, YouTube, slides". */
export function ratioLabel(option: RatioOption): string {
  return `${option.value} — ${option.hint}`;
}
