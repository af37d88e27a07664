// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_SEED } from '../../../core/settings';
import {
  elapsedSeconds,
  failureTone,
  IDLE,
  isBusy,
  isGenerating,
  runningText,
  runReducer,
  runSummary,
  variationSeed,
  type Generation,
  type RunAction,
  type RunState,
} from '../../../ui/state/run';

function generation(index = 0, count = 1): Generation {
  return {
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, index]),
    prompt: '@Dog on a beach',
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [{ tag: 'Dog', layerId: '1:2', layerName: 'Dog' }],
    seed: null,
    batch: { batchId: 1, index, count },
    target: { kind: 'new-layer' },
  };
}

function apply(...actions: RunAction[]): RunState {
  return actions.reduce(runReducer, IDLE);
}

function variations(run: RunState) {
  if (run.phase !== 'run') throw new Error(`no run: ${JSON.stringify(run)}`);
  return run.variations;
}

const START_ONE: RunAction = { type: 'start', startedAt: 1000, count: 1 };
const START_THREE: RunAction = { type: 'start', startedAt: 1000, count: 3 };
const rateLimited = { kind: 'rate-limited' as const, message: 'Too many requests: Segmind allows more after 12:01 UTC.' };

describe('the names of a run of several, once it ends', () => {
  function ran(names: readonly (string | null)[]): string[] {
    const count = names.length;
    let run = apply({ type: 'start', startedAt: 0, count });
    names.forEach((_, index) => {
      run = runReducer(run, { type: 'generated', index, generation: generation(index, count) });
      run = runReducer(run, { type: 'posted', index, requestId: 10 + index });
    });
    names.forEach((name, index) => {
      run = runReducer(
        run,
        name === null ? { type: 'place-failed', requestId: 10 + index, message: 'no' } : { type: 'placed', requestId: 10 + index, name },
      );
    });
    return variations(run).map((variation) => (variation.phase === 'placed' ? variation.name : variation.phase));
  }

  it('lose the seed, as their layers do, when the provider gave them all one seed or only one was placed', () => {
    expect(ran(['Dog · 1 of 2 · seed 7', 'Dog · 2 of 2 · seed 7'])).toEqual(['Dog · 1 of 2', 'Dog · 2 of 2']);
    expect(ran(['Dog · 1 of 2 · seed 7', null])).toEqual(['Dog · 1 of 2', 'place-failed']);
  });

  it('keep distinct seeds, and a single image keeps its seed', () => {
    expect(ran(['Dog · 1 of 2 · seed 7', 'Dog · 2 of 2 · seed 8'])).toEqual(['Dog · 1 of 2 · seed 7', 'Dog · 2 of 2 · seed 8']);
    expect(ran(['Dog · seed 7'])).toEqual(['Dog · seed 7']);
  });

  it('stay as placed while the run goes on', () => {
    let run = apply({ type: 'start', startedAt: 0, count: 2 }, { type: 'generated', index: 0, generation: generation(0, 2) });
    run = runReducer(runReducer(run, { type: 'posted', index: 0, requestId: 1 }), {
      type: 'placed',
      requestId: 1,
      name: 'Dog · 1 of 2 · seed 7',
    });
    expect(variations(run)[0]).toEqual({ phase: 'placed', name: 'Dog · 1 of 2 · seed 7' });
  });
});

describe('runningText', () => {
  it.each<[string, boolean, Parameters<typeof runningText>[1], string]>([
    ['no progress yet', false, null, 'Generating…'],
    ['queued (Runway THROTTLED)', false, { phase: 'queued' }, 'Queued…'],
    ['running without a fraction', false, { phase: 'running' }, 'Generating…'],
    ['running at 40 %', false, { phase: 'running', fraction: 0.4 }, 'Generating… 40 %'],
    ['a fraction past the end', false, { phase: 'running', fraction: 1.7 }, 'Generating… 100 %'],
    ['downloading', false, { phase: 'downloading' }, 'Downloading…'],
    ['cancelling, whatever the progress', true, { phase: 'queued' }, 'Cancelling…'],
  ])('%s → %s', (_, cancelling, progress, text) => {
    expect(runningText(cancelling, progress)).toBe(text);
  });
});

describe('runReducer: one image', () => {
  it('goes running → placing → placed for the matching request', () => {
    const placing = apply(START_ONE, { type: 'generated', index: 0, generation: generation() }, { type: 'posted', index: 0, requestId: 7 });
    expect(placing).toEqual({
      phase: 'run',
      startedAt: 1000,
      cancelling: false,
      variations: [{ phase: 'placing', requestId: 7, generation: generation() }],
    });
    expect(isBusy(placing)).toBe(true);
    expect(isGenerating(placing)).toBe(false);
    expect(runReducer(placing, { type: 'placed', requestId: 6, name: 'old' })).toBe(placing);
    const placed = runReducer(placing, { type: 'placed', requestId: 7, name: 'Dog on a beach' });
    expect(variations(placed)).toEqual([{ phase: 'placed', name: 'Dog on a beach' }]);
    expect(isBusy(placed)).toBe(false);
  });

  it('does not start twice, nor a run of no images', () => {
    const running = apply(START_ONE);
    expect(runReducer(running, { type: 'start', startedAt: 2000, count: 2 })).toBe(running);
    expect(runReducer(IDLE, { type: 'start', startedAt: 2000, count: 0 })).toBe(IDLE);
  });

  it('starts a new run once the last one has ended', () => {
    const failed = apply(START_ONE, { type: 'fail', index: 0, failure: rateLimited });
    expect(variations(runReducer(failed, START_THREE))).toHaveLength(3);
  });

  it('marks a cancel and then takes the failure', () => {
    const cancelling = apply(START_ONE, { type: 'cancel' });
    expect(cancelling).toEqual({ phase: 'run', startedAt: 1000, cancelling: true, variations: [{ phase: 'running', progress: null }] });
    const failure = { kind: 'cancelled' as const, message: 'Cancelled.' };
    expect(variations(runReducer(cancelling, { type: 'fail', index: 0, failure }))).toEqual([{ phase: 'failed', failure }]);
  });

  it('takes progress only while running', () => {
    const queued = apply(START_ONE, { type: 'progress', index: 0, progress: { phase: 'queued' } });
    expect(variations(queued)).toEqual([{ phase: 'running', progress: { phase: 'queued' } }]);
    const running = runReducer(queued, { type: 'progress', index: 0, progress: { phase: 'running', fraction: 0.4 } });
    expect(variations(running)).toEqual([{ phase: 'running', progress: { phase: 'running', fraction: 0.4 } }]);
    expect(runReducer(IDLE, { type: 'progress', index: 0, progress: { phase: 'queued' } })).toBe(IDLE);
    const placing = runReducer(running, { type: 'generated', index: 0, generation: generation() });
    expect(runReducer(placing, { type: 'progress', index: 0, progress: { phase: 'downloading' } })).toBe(placing);
  });

  it('keeps the generation when placing fails, and retries with it', () => {
    const failed = apply(
      START_ONE,
      { type: 'generated', index: 0, generation: generation() },
      { type: 'posted', index: 0, requestId: 1 },
      { type: 'place-failed', requestId: 1, message: "Couldn't place the image: too big" },
    );
    expect(variations(failed)).toEqual([{ phase: 'place-failed', message: "Couldn't place the image: too big", generation: generation() }]);
    expect(isBusy(failed)).toBe(false);
    expect(variations(runReducer(failed, { type: 'retry', index: 0 }))).toEqual([
      { phase: 'placing', requestId: null, generation: generation() },
    ]);
  });

  it('takes a conversion failure only before the sandbox was asked', () => {
    const converting = apply(START_ONE, { type: 'generated', index: 0, generation: generation() });
    expect(variations(runReducer(converting, { type: 'unplaceable', index: 0, message: 'x' }))[0]?.phase).toBe('place-failed');
    const posted = runReducer(converting, { type: 'posted', index: 0, requestId: 3 });
    expect(runReducer(posted, { type: 'unplaceable', index: 0, message: 'x' })).toBe(posted);
  });

  it('ignores answers that do not fit the phase', () => {
    expect(runReducer(IDLE, { type: 'placed', requestId: 1, name: 'x' })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'generated', index: 0, generation: generation() })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'retry', index: 0 })).toBe(IDLE);
    expect(runReducer(IDLE, { type: 'cancel' })).toBe(IDLE);
    const running = apply(START_ONE);
    expect(runReducer(running, { type: 'retry', index: 0 })).toBe(running);
    expect(runReducer(running, { type: 'fail', index: 5, failure: rateLimited })).toBe(running);
  });
});

describe('runReducer: several variations', () => {
  it('starts them all running', () => {
    const run = apply(START_THREE);
    expect(variations(run)).toEqual([0, 1, 2].map(() => ({ phase: 'running', progress: null })));
    expect(isGenerating(run)).toBe(true);
  });

  it('keeps each variation to itself: a 429 for one fails only that one', () => {
    const run = apply(
      START_THREE,
      { type: 'progress', index: 2, progress: { phase: 'queued' } },
      { type: 'fail', index: 1, failure: rateLimited },
      { type: 'generated', index: 0, generation: generation(0, 3) },
    );
    expect(variations(run)).toEqual([
      { phase: 'placing', requestId: null, generation: generation(0, 3) },
      { phase: 'failed', failure: rateLimited },
      { phase: 'running', progress: { phase: 'queued' } },
    ]);
    expect(isGenerating(run)).toBe(true);
  });

  it('matches each placement answer to its own request', () => {
    const run = apply(
      START_THREE,
      { type: 'generated', index: 2, generation: generation(2, 3) },
      { type: 'posted', index: 2, requestId: 11 },
      { type: 'generated', index: 0, generation: generation(0, 3) },
      { type: 'posted', index: 0, requestId: 12 },
      { type: 'fail', index: 1, failure: rateLimited },
      { type: 'placed', requestId: 12, name: 'first' },
      { type: 'place-failed', requestId: 11, message: 'Figma refused the image.' },
    );
    expect(variations(run)).toEqual([
      { phase: 'placed', name: 'first' },
      { phase: 'failed', failure: rateLimited },
      { phase: 'place-failed', message: 'Figma refused the image.', generation: generation(2, 3) },
    ]);
    expect(isBusy(run)).toBe(false);
    expect(runSummary(run as Extract<RunState, { phase: 'run' }>)).toBe('Placed 1 of 3 variations');
    // Place again for the third: only it changes; a late answer for a finished request changes nothing.
    const again = runReducer(run, { type: 'retry', index: 2 });
    expect(variations(again)[2]).toEqual({ phase: 'placing', requestId: null, generation: generation(2, 3) });
    expect(variations(again).slice(0, 2)).toEqual(variations(run).slice(0, 2));
    expect(runReducer(again, { type: 'placed', requestId: 12, name: 'late' })).toBe(again);
  });

  it('cancels only while any is still generating', () => {
    const running = apply(START_THREE, { type: 'generated', index: 0, generation: generation(0, 3) });
    const cancelling = runReducer(running, { type: 'cancel' });
    expect(cancelling).toMatchObject({ cancelling: true });
    expect(runReducer(cancelling, { type: 'cancel' })).toBe(cancelling);
    const placingOnly = apply(START_ONE, { type: 'generated', index: 0, generation: generation() });
    expect(runReducer(placingOnly, { type: 'cancel' })).toBe(placingOnly);
  });
});

describe('runSummary', () => {
  const summary = (...actions: RunAction[]) => runSummary(apply(START_THREE, ...actions) as Extract<RunState, { phase: 'run' }>);

  it('counts the variations done while generating', () => {
    expect(summary()).toBe('Generating… 0 of 3 done');
    expect(summary({ type: 'fail', index: 0, failure: rateLimited })).toBe('Generating… 1 of 3 done');
    expect(summary({ type: 'cancel' })).toBe('Cancelling…');
  });

  it('says placing, then how many were placed', () => {
    const failAll = [0, 1, 2].map((index): RunAction => ({ type: 'fail', index, failure: rateLimited }));
    expect(summary(...failAll)).toBe('None of the 3 variations was placed');
    expect(summary(...failAll.slice(1), { type: 'generated', index: 0, generation: generation(0, 3) })).toBe('Placing…');
  });
});

describe('variationSeed', () => {
  it('is null for every variation without a fixed seed: the provider picks each', () => {
    expect([0, 1, 2, 3].map((index) => variationSeed(null, index))).toEqual([null, null, null, null]);
  });

  it('counts up from a fixed seed, so the row comes out the same again', () => {
    expect([0, 1, 2, 3].map((index) => variationSeed(1234, index))).toEqual([1234, 1235, 1236, 1237]);
    expect([0, 1, 2].map((index) => variationSeed(0, index))).toEqual([0, 1, 2]);
  });

  it('wraps past the largest seed to 0', () => {
    expect([0, 1, 2, 3].map((index) => variationSeed(MAX_SEED - 1, index))).toEqual([MAX_SEED - 1, MAX_SEED, 0, 1]);
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
