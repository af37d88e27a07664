// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  elapsedSeconds,
  failureTone,
  IDLE,
  isBusy,
  runningText,
  runReducer,
  type Generation,
  type RunAction,
  type RunState,
} from '../../../ui/state/run';

const generation: Generation = {
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  prompt: '@Dog on a beach',
  ratio: '1280:720',
  provider: 'segmind',
  model: 'runway-gen4-image',
  references: [{ tag: 'Dog', layerId: '1:2', layerName: 'Dog' }],
  seed: null,
  batch: { batchId: 1, index: 0, count: 1 },
};

function apply(...actions: RunAction[]): RunState {
  return actions.reduce(runReducer, IDLE);
}

describe('runningText', () => {
  it.each<[string, Parameters<typeof runningText>[0], string]>([
    ['no progress yet', { cancelling: false, progress: null }, 'Generating…'],
    ['queued (Runway THROTTLED)', { cancelling: false, progress: { phase: 'queued' } }, 'Queued…'],
    ['running without a fraction', { cancelling: false, progress: { phase: 'running' } }, 'Generating…'],
    ['running at 40 %', { cancelling: false, progress: { phase: 'running', fraction: 0.4 } }, 'Generating… 40 %'],
    ['a fraction past the end', { cancelling: false, progress: { phase: 'running', fraction: 1.7 } }, 'Generating… 100 %'],
    ['downloading', { cancelling: false, progress: { phase: 'downloading' } }, 'Downloading…'],
    ['cancelling, whatever the progress', { cancelling: true, progress: { phase: 'queued' } }, 'Cancelling…'],
  ])('%s → %s', (_, run, text) => {
    expect(runningText(run)).toBe(text);
  });
});

describe('runReducer', () => {
  it('goes running → placing → placed for the matching request', () => {
    const placing = apply({ type: 'start', startedAt: 1000 }, { type: 'generated', generation }, { type: 'posted', requestId: 7 });
    expect(placing).toEqual({ phase: 'placing', requestId: 7, generation });
    expect(isBusy(placing)).toBe(true);
    expect(runReducer(placing, { type: 'placed', requestId: 6, name: 'old' })).toBe(placing);
    const placed = runReducer(placing, { type: 'placed', requestId: 7, name: 'Dog on a beach' });
    expect(placed).toEqual({ phase: 'placed', name: 'Dog on a beach' });
    expect(isBusy(placed)).toBe(false);
  });

  it('does not start twice', () => {
    const running = apply({ type: 'start', startedAt: 1000 });
    expect(runReducer(running, { type: 'start', startedAt: 2000 })).toBe(running);
  });

  it('marks a cancel and then takes the failure', () => {
    const cancelling = apply({ type: 'start', startedAt: 1000 }, { type: 'cancel' });
    expect(cancelling).toEqual({ phase: 'running', startedAt: 1000, cancelling: true, progress: null });
    const failure = { kind: 'cancelled' as const, message: 'Cancelled.' };
    expect(runReducer(cancelling, { type: 'fail', failure })).toEqual({ phase: 'failed', failure });
  });

  it('takes progress only while running', () => {
    const queued = apply({ type: 'start', startedAt: 1000 }, { type: 'progress', progress: { phase: 'queued' } });
    expect(queued).toEqual({ phase: 'running', startedAt: 1000, cancelling: false, progress: { phase: 'queued' } });
    const running = runReducer(queued, { type: 'progress', progress: { phase: 'running', fraction: 0.4 } });
    expect(running).toMatchObject({ progress: { phase: 'running', fraction: 0.4 } });
    expect(runReducer(IDLE, { type: 'progress', progress: { phase: 'queued' } })).toBe(IDLE);
    const placing = runReducer(running, { type: 'generated', generation });
    expect(runReducer(placing, { type: 'progress', progress: { phase: 'downloading' } })).toBe(placing);
  });

  it('keeps the generation when placing fails, and retries with it', () => {
    const failed = apply(
      { type: 'start', startedAt: 0 },
      { type: 'generated', generation },
      { type: 'posted', requestId: 1 },
      { type: 'place-failed', requestId: 1, message: "Couldn't place the image: too big" },
    );
    expect(failed).toEqual({ phase: 'place-failed', message: "Couldn't place the image: too big", generation });
    expect(runReducer(failed, { type: 'retry' })).toEqual({ phase: 'placing', requestId: null, generation });
  });

  it('takes a conversion failure only before the sandbox was asked', () => {
    const converting = apply({ type: 'start', startedAt: 0 }, { type: 'generated', generation });
    expect(runReducer(converting, { type: 'place-failed', requestId: null, message: 'x' }).phase).toBe('place-failed');
    const posted = runReducer(converting, { type: 'posted', requestId: 3 });
    expect(runReducer(posted, { type: 'place-failed', requestId: null, message: 'x' })).toBe(posted);
  });

  it('ignores answers that do not fit the phase', () => {
    expect(runReducer(IDLE, { type: 'placed', requestId: 1, name: 'x' })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'generated', generation })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'retry' })).toBe(IDLE);
  });
});

describe('elapsedSeconds', () => {
  it.each([
    [1000, 1000, 0],
    [1000, 1999, 0],
    [1000, 13_000, 12],
    [5000, 1000, 0],
  ])('from %d to %d is %d s', (start, now, seconds) => {
    expect(elapsedSeconds(start, now)).toBe(seconds);
  });
});

describe('failureTone', () => {
  it('shows errors as danger, passing trouble as warning and a cancel as neutral', () => {
    expect(failureTone('auth')).toBe('danger');
    expect(failureTone('unreachable')).toBe('danger');
    expect(failureTone('rate-limited')).toBe('warning');
    expect(failureTone('timeout')).toBe('warning');
    expect(failureTone('cancelled')).toBe('neutral');
  });
});
