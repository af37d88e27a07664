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

/** The option for the API's `value` ("W:H", its pixel size) with `hint`: the sizes are read from the value, written once. */
function option(value: string, hint: string): RatioOption {
  const [width, height] = value.split(':').map(Number) as [number, number];
  return { value, width, height, hint };
}

/** Segmind's runway-gen4-image ratios (CONTRACTS §1), in the order the panel lists them. */
export const SEGMIND_RATIOS: readonly RatioOption[] = [
  option('1280:720', '16:9, YouTube, slides'),
  option('1920:1080', '16:9 Full HD, game assets, wallpapers'),
  option('720:1280', '9:16, Reels'),
  option('1080:1920', '9:16 Full HD, Stories/TikTok'),
  option('960:960', '1:1, square post'),
  option('1104:832', '4:3, product shots'),
  option('832:1104', '3:4, portraits, try-on'),
  option('1584:672', '21:9, wide interiors, banners'),
];

/** Runway's gen4_image / gen4_image_turbo ratios (CONTRACTS §2): the 1080p tier first, then the 720p tier. */
export const RUNWAY_RATIOS: readonly RatioOption[] = [
  option('1920:1080', '16:9 Full HD, game assets, wallpapers'),
  option('1080:1920', '9:16 Full HD, Stories/TikTok'),
  option('1024:1024', '1:1, square post'),
  option('1080:1080', '1:1 Full HD, Instagram post'),
  option('1168:880', '4:3, product shots'),
  option('1360:768', '16:9, web banners'),
  option('1440:1080', '4:3 Full HD, presentations'),
  option('1080:1440', '3:4 Full HD, portraits, try-on'),
  option('1808:768', '21:9, wide interiors, banners'),
  option('2112:912', '21:9 wide, cinematic'),
  option('1280:720', '16:9, YouTube, slides (720p)'),
  option('720:1280', '9:16, Reels (720p)'),
  option('720:720', '1:1, square (720p)'),
  option('960:720', '4:3 (720p)'),
  option('720:960', '3:4, portraits (720p)'),
  option('1680:720', '21:9, wide (720p)'),
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
