// One run's life in the panel: 1–4 variations started together, each running → placing → placed, or failing on
// its own. A failure of one never touches the others, and a failed placement keeps its image to place again.
import type { PlaceRequest } from '../../core/protocol';
import { MAX_SEED } from '../../core/settings';
import type { FailureKind, GenerationFailure, GenerationProgress } from '../providers/provider';

/**
 * A generated image and what it was made from, kept until it is placed (so a failed placement loses nothing): a
 * place request without its id. Its bytes are as the provider returned them, converted for Figma on each placing
 * attempt; its batch keeps its place in the run's row when placed again; its target is where it goes, as chosen
 * when Generate was clicked.
 */
export type Generation = Omit<PlaceRequest, 'requestId'>;

/** Where one variation is. */
export type Variation =
  /** `progress` is null until the provider reports any (Segmind never does). */
  | { readonly phase: 'running'; readonly progress: GenerationProgress | null }
  /** `requestId` is null while the image is being made placeable, before the sandbox is asked. */
  | { readonly phase: 'placing'; readonly requestId: number | null; readonly generation: Generation }
  | { readonly phase: 'placed'; readonly name: string }
  | { readonly phase: 'failed'; readonly failure: GenerationFailure }
  | { readonly phase: 'place-failed'; readonly message: string; readonly generation: Generation };

export type RunState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'run';
      readonly startedAt: number;
      /** Cancel was pressed: the variations still running are being cancelled. */
      readonly cancelling: boolean;
      readonly variations: readonly Variation[];
    };

export type RunAction =
  | { readonly type: 'start'; readonly startedAt: number; readonly count: number }
  | { readonly type: 'progress'; readonly index: number; readonly progress: GenerationProgress }
  | { readonly type: 'cancel' }
  | { readonly type: 'fail'; readonly index: number; readonly failure: GenerationFailure }
  | { readonly type: 'generated'; readonly index: number; readonly generation: Generation }
  | { readonly type: 'retry'; readonly index: number }
  | { readonly type: 'posted'; readonly index: number; readonly requestId: number }
  | { readonly type: 'placed'; readonly requestId: number; readonly name: string }
  | { readonly type: 'place-failed'; readonly requestId: number; readonly message: string }
  /** The image could not be made placeable, so the sandbox was never asked. */
  | { readonly type: 'unplaceable'; readonly index: number; readonly message: string };

/** Nothing generated yet in this session. */
export const IDLE: RunState = { phase: 'idle' };

const RUNNING: Variation = { phase: 'running', progress: null };

function busy(variation: Variation): boolean {
  return variation.phase === 'running' || variation.phase === 'placing';
}

/** True while any variation is being generated or placed: Generate can't start another run. */
export function isBusy(run: RunState): boolean {
  return run.phase === 'run' && run.variations.some(busy);
}

/** True while any variation is still with the provider: Cancel has something to cancel. */
export function isGenerating(run: RunState): boolean {
  return run.phase === 'run' && run.variations.some((variation) => variation.phase === 'running');
}

/** `run` with variation `index` changed by `change`, which answers null to leave it (and the run) as it is. */
function update(run: RunState, index: number, change: (variation: Variation) => Variation | null): RunState {
  if (run.phase !== 'run') return run;
  const current = run.variations[index];
  const next = current ? change(current) : null;
  if (!next) return run;
  return { ...run, variations: run.variations.map((variation, i) => (i === index ? next : variation)) };
}

function indexOfRequest(run: RunState, requestId: number): number {
  if (run.phase !== 'run') return -1;
  return run.variations.findIndex((variation) => variation.phase === 'placing' && variation.requestId === requestId);
}

/**
 * `run` with its placed variations named as the sandbox leaves their layers once the run ends (src/batch-landing.ts):
 * without " · seed N" when the seed tells them apart no better than "2 of 3" does (one seed for all, or one placed).
 */
function settledNames(run: RunState): RunState {
  if (run.phase !== 'run' || run.variations.length < 2 || run.variations.some(busy)) return run;
  const names = run.variations.flatMap((variation) => (variation.phase === 'placed' ? [variation.name] : []));
  const seeds = names.map((name) => / · seed (\d+)$/.exec(name)?.[1]);
  if (!seeds.some((seed) => seed !== undefined) || new Set(seeds).size >= Math.max(2, names.length)) return run;
  const seedless = (variation: Variation): Variation =>
    variation.phase === 'placed' ? { ...variation, name: variation.name.replace(/ · seed \d+$/, '') } : variation;
  return { ...run, variations: run.variations.map(seedless) };
}

/** The next run state; answers that belong to another request or variation leave it unchanged. */
export function runReducer(run: RunState, action: RunAction): RunState {
  return settledNames(nextRun(run, action));
}

function nextRun(run: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      if (isBusy(run) || !(action.count >= 1)) return run;
      return {
        phase: 'run',
        startedAt: action.startedAt,
        cancelling: false,
        variations: Array.from({ length: action.count }, () => RUNNING),
      };
    case 'progress':
      return update(run, action.index, (v) => (v.phase === 'running' ? { ...v, progress: action.progress } : null));
    case 'cancel':
      return run.phase === 'run' && isGenerating(run) && !run.cancelling ? { ...run, cancelling: true } : run;
    case 'fail':
      return update(run, action.index, (v) => (v.phase === 'running' ? { phase: 'failed', failure: action.failure } : null));
    case 'generated':
      return update(run, action.index, (v) =>
        v.phase === 'running' ? { phase: 'placing', requestId: null, generation: action.generation } : null,
      );
    case 'retry':
      return update(run, action.index, (v) =>
        v.phase === 'place-failed' ? { phase: 'placing', requestId: null, generation: v.generation } : null,
      );
    case 'posted':
      return update(run, action.index, (v) =>
        v.phase === 'placing' && v.requestId === null ? { ...v, requestId: action.requestId } : null,
      );
    case 'placed':
      return update(run, indexOfRequest(run, action.requestId), () => ({ phase: 'placed', name: action.name }));
    case 'place-failed':
      return update(run, indexOfRequest(run, action.requestId), (v) =>
        v.phase === 'placing' ? { phase: 'place-failed', message: action.message, generation: v.generation } : null,
      );
    case 'unplaceable':
      return update(run, action.index, (v) =>
        v.phase === 'placing' && v.requestId === null ? { phase: 'place-failed', message: action.message, generation: v.generation } : null,
      );
  }
}

/**
 * The seed of variation `index` when the designer fixed `seed`: seed + index, wrapping past MAX_SEED to 0, so
 * the same fixed seed makes the same row again. null (no fixed seed): the provider picks a random one for each.
 */
export function variationSeed(seed: number | null, index: number): number | null {
  return seed === null ? null : (seed + index) % (MAX_SEED + 1);
}

/** What a running variation is doing, as its status says it: "Queued…", "Generating… 40 %", "Downloading…". */
export function runningText(cancelling: boolean, progress: GenerationProgress | null): string {
  if (cancelling) return 'Cancelling…';
  if (progress?.phase === 'queued') return 'Queued…';
  if (progress?.phase === 'downloading') return 'Downloading…';
  const fraction = progress?.fraction;
  return fraction === undefined ? 'Generating…' : `Generating… ${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;
}

/** How a run of several variations stands, in one line: "Generating… 1 of 3 done", "Placed 2 of 3 variations". */
export function runSummary(run: Extract<RunState, { phase: 'run' }>): string {
  const count = run.variations.length;
  const placed = run.variations.filter((variation) => variation.phase === 'placed').length;
  const ended = run.variations.filter((variation) => !busy(variation)).length;
  if (isGenerating(run)) return run.cancelling ? 'Cancelling…' : `Generating… ${ended} of ${count} done`;
  if (isBusy(run)) return 'Placing…';
  return placed === 0 ? `None of the ${count} variations was placed` : `Placed ${placed} of ${count} variations`;
}

/** Whole seconds since `startedAt`, never negative. */
export function elapsedSeconds(startedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

/** How a failure looks: an error, something that passes with time, or the designer's own choice. */
export type FailureTone = 'danger' | 'warning' | 'neutral';

const FAILURE_TONE: Readonly<Record<FailureKind, FailureTone>> = {
  auth: 'danger',
  credits: 'danger',
  'rate-limited': 'warning',
  'bad-request': 'danger',
  server: 'danger',
  unreachable: 'danger',
  timeout: 'warning',
  cancelled: 'neutral',
  'not-image': 'danger',
  gone: 'danger',
};

/** The tone a failure of `kind` is shown in. */
export function failureTone(kind: FailureKind): FailureTone {
  return FAILURE_TONE[kind];
}
