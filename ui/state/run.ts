// One generation's life in the panel: running → placing → placed, or a failure that keeps what was made.
import type { BatchSlot, ReferenceRecord } from '../../core/protocol';
import type { FailureKind, GenerationFailure, GenerationProgress } from '../providers/provider';

/** A generated image and what it was made from, kept until it is placed (so a failed placement loses nothing). */
export interface Generation {
  /** As the provider returned them; converted for Figma on each placing attempt. */
  readonly bytes: Uint8Array;
  readonly prompt: string;
  readonly ratio: string;
  /** The provider and model that made it, saved with the layer. */
  readonly provider: string;
  readonly model: string;
  readonly references: readonly ReferenceRecord[];
  /** As the provider reported it; null when it reports none. */
  readonly seed: string | null;
  /** Which variation of which run: placing it again keeps its place in the run's row. */
  readonly batch: BatchSlot;
}

export type RunState =
  | { readonly phase: 'idle' }
  /** `progress` is null until the provider reports any (Segmind never does). */
  | { readonly phase: 'running'; readonly startedAt: number; readonly cancelling: boolean; readonly progress: GenerationProgress | null }
  /** `requestId` is null while the image is being made placeable, before the sandbox is asked. */
  | { readonly phase: 'placing'; readonly requestId: number | null; readonly generation: Generation }
  | { readonly phase: 'placed'; readonly name: string }
  | { readonly phase: 'failed'; readonly failure: GenerationFailure }
  | { readonly phase: 'place-failed'; readonly message: string; readonly generation: Generation };

export type RunAction =
  | { readonly type: 'start'; readonly startedAt: number }
  | { readonly type: 'progress'; readonly progress: GenerationProgress }
  | { readonly type: 'cancel' }
  | { readonly type: 'fail'; readonly failure: GenerationFailure }
  | { readonly type: 'generated'; readonly generation: Generation }
  | { readonly type: 'retry' }
  | { readonly type: 'posted'; readonly requestId: number }
  | { readonly type: 'placed'; readonly requestId: number; readonly name: string }
  /** `requestId` null: the image could not be made placeable, so the sandbox was never asked. */
  | { readonly type: 'place-failed'; readonly requestId: number | null; readonly message: string };

/** Nothing generated yet in this session. */
export const IDLE: RunState = { phase: 'idle' };

/** True while a generation or its placement is under way: Generate can't start another. */
export function isBusy(run: RunState): boolean {
  return run.phase === 'running' || run.phase === 'placing';
}

/** The next run state; answers that belong to another request leave it unchanged. */
export function runReducer(run: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      return isBusy(run) ? run : { phase: 'running', startedAt: action.startedAt, cancelling: false, progress: null };
    case 'progress':
      return run.phase === 'running' ? { ...run, progress: action.progress } : run;
    case 'cancel':
      return run.phase === 'running' ? { ...run, cancelling: true } : run;
    case 'fail':
      return run.phase === 'running' ? { phase: 'failed', failure: action.failure } : run;
    case 'generated':
      return run.phase === 'running' ? { phase: 'placing', requestId: null, generation: action.generation } : run;
    case 'retry':
      return run.phase === 'place-failed' ? { phase: 'placing', requestId: null, generation: run.generation } : run;
    case 'posted':
      return run.phase === 'placing' && run.requestId === null ? { ...run, requestId: action.requestId } : run;
    case 'placed':
      return run.phase === 'placing' && run.requestId === action.requestId ? { phase: 'placed', name: action.name } : run;
    case 'place-failed':
      return run.phase === 'placing' && run.requestId === action.requestId
        ? { phase: 'place-failed', message: action.message, generation: run.generation }
        : run;
  }
}

/** What a running generation is doing, as the status line says it: "Queued…", "Generating… 40 %", "Downloading…". */
export function runningText(run: { readonly cancelling: boolean; readonly progress: GenerationProgress | null }): string {
  if (run.cancelling) return 'Cancelling…';
  const { progress } = run;
  if (progress?.phase === 'queued') return 'Queued…';
  if (progress?.phase === 'downloading') return 'Downloading…';
  const fraction = progress?.fraction;
  return fraction === undefined ? 'Generating…' : `Generating… ${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;
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
};

/** The tone a failure of `kind` is shown in. */
export function failureTone(kind: FailureKind): FailureTone {
  return FAILURE_TONE[kind];
}
