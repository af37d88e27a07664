// What a run will cost before it starts, and whether it is over the designer's limit and must ask first.
// Runway publishes its prices; Segmind doesn't, so its price is the one its last answer reported (x-cost).
import type { ModelCapabilities } from '../../core/models';

/** Without a limit set, a run asks first when it costs more than this many generations at the model's cheapest price. */
export const DEFAULT_LIMIT_GENERATIONS = 4;

/** Credits per image that answers reported in this session, by priceKey. */
export type SeenPrices = Readonly<Record<string, number>>;

/**
 * The key a reported price is remembered by: one provider, model and ratio; without a ratio, the model's price at
 * whichever ratio reported last.
 */
export function priceKey(provider: string, model: string, ratio = '*'): string {
  return `${provider} ${model} ${ratio}`;
}

/** `seen` with the `price` an answer reported for an image `made` with its provider, model and ratio. */
export function seePrice(seen: SeenPrices, made: { provider: string; model: string; ratio: string }, price: number): SeenPrices {
  const { provider, model, ratio } = made;
  return { ...seen, [priceKey(provider, model, ratio)]: price, [priceKey(provider, model)]: price };
}

/**
 * What one image of `model` at `ratio` costs: the published price, else the last one reported at that ratio, else
 * the last one reported for the model at any ratio (a ratio not run yet this session is not "price unknown" again:
 * the model's last price is the best estimate there is), else null.
 */
export function pricePerImage(provider: string, model: ModelCapabilities, ratio: string, seen: SeenPrices): number | null {
  return model.estimateCredits(ratio) ?? seen[priceKey(provider, model.id, ratio)] ?? seen[priceKey(provider, model.id)] ?? null;
}

/** The model's cheapest price per image over its ratios, as far as it is known; null when none is. */
export function cheapestPrice(provider: string, model: ModelCapabilities, seen: SeenPrices): number | null {
  const prices = model.ratios
    .map((ratio) => pricePerImage(provider, model, ratio.value, seen))
    .filter((price): price is number => price !== null);
  return prices.length === 0 ? null : Math.min(...prices);
}

export type CostCheck =
  /** No price known (Segmind before its first answer): nothing can ask. */
  | { readonly kind: 'unknown'; readonly count: number }
  | { readonly kind: 'within'; readonly count: number; readonly credits: number }
  | { readonly kind: 'over'; readonly count: number; readonly credits: number; readonly limit: number };

export interface CostInput {
  /** Images the run makes. */
  readonly count: number;
  /** Credits per image, or null when unknown. */
  readonly price: number | null;
  /** The model's cheapest price per image, for the default limit; null when unknown. */
  readonly cheapest: number | null;
  /** The designer's limit in credits, or null for the default. */
  readonly limit: number | null;
}

/** The limit in force: the designer's, else DEFAULT_LIMIT_GENERATIONS at the cheapest price; null when neither is known. */
export function effectiveLimit(limit: number | null, cheapest: number | null): number | null {
  return limit ?? (cheapest === null ? null : roundCredits(DEFAULT_LIMIT_GENERATIONS * cheapest));
}

/** Whether a run of `count` images at `price` is within the limit, over it, or of unknown cost. */
export function checkCost({ count, price, cheapest, limit }: CostInput): CostCheck {
  if (price === null) return { kind: 'unknown', count };
  const credits = roundCredits(count * price);
  const allowed = effectiveLimit(limit, cheapest);
  return allowed !== null && credits > allowed ? { kind: 'over', count, credits, limit: allowed } : { kind: 'within', count, credits };
}

/** Prices like 0.1 add up with binary noise (0.30000000000000004): keep two decimals. */
function roundCredits(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** "1 credit", "2.5 credits". */
export function creditsText(amount: number): string {
  return `${amount} credit${amount === 1 ? '' : 's'}`;
}

/** The estimate line before a run: "About 8 credits", "About 32 credits for 4 generations", or why the price is unknown. */
export function estimateText(check: CostCheck): string {
  const images = `${check.count} ${check.count === 1 ? 'generation' : 'generations'}`;
  if (check.kind === 'unknown') return `${images}, price unknown until the first run`;
  return check.count === 1 ? `About ${creditsText(check.credits)}` : `About ${creditsText(check.credits)} for ${images}`;
}

/** Why a run over the limit asks before it starts (generate-question.ts asks it). */
export function overLimitText(check: Extract<CostCheck, { kind: 'over' }>): string {
  return `This run costs about ${creditsText(check.credits)}, over your limit of ${check.limit}.`;
}
