// The real Runway provider with Node's fetch against the Runway stand-in over 127.0.0.1. Sleeps are injected
// and recorded, so the poll interval and the retry delays are asserted as requested, not timed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../../../core/image-bytes';
import type {
  GenerationFailure,
  GenerationOptions,
  GenerationOutcome,
  GenerationProgress,
  GenerationRequest,
  ProviderJob,
} from '../../../ui/providers/provider';
import {
  CANCEL_WAIT_MS,
  DEFAULT_RUNWAY_TIMEOUT_MS,
  MIN_POLL_INTERVAL_MS,
  createRunwayProvider,
  sleepAsync,
  type RunwayProviderOptions,
} from '../../../ui/providers/runway';
import { RUNWAY_MODELS } from '../../../core/models';
import { MAX_SEED as MAX_RUNWAY_SEED } from '../../../core/settings';
import { buildCreateTaskRequest } from '../../../ui/providers/runway-requests';
import {
  RUNWAY_STAND_IN_ERRORS,
  RUNWAY_STAND_IN_FAILURES,
  runwayStandInPrice,
  startRunwayStandIn,
  type RunwayStandIn,
} from '../../support/runway-stand-in';

/** Runway's estimate for REQUEST, as the stand-in's create answer gives it. */
const ESTIMATE = runwayStandInPrice('gen4_image', '1920:1080');
import { solidJpeg } from '../../support/segmind-stand-in';

const KEY = `key_${'7e57'.repeat(32)}`;
const TOKEN = 'relay-token-test-5c1f';
const REFERENCE_URI = `data:image/jpeg;base64,${Buffer.from(solidJpeg(32, 24, [200, 60, 40])).toString('base64')}`;
const SECOND_URI = `data:image/jpeg;base64,${Buffer.from(solidJpeg(24, 32, [40, 60, 200])).toString('base64')}`;
const REQUEST: GenerationRequest = {
  model: 'gen4_image',
  prompt: 'A poster of @shoe next to @hat on a beach at dusk',
  ratio: '1920:1080',
  references: [
    { uri: REFERENCE_URI, tag: 'shoe' },
    { uri: SECOND_URI, tag: 'hat' },
  ],
};
/** A random source that always answers 0.5: seed 1073741824, and a backoff of 0.875 × the full delay. */
const HALF = (): number => 0.5;
const HALF_SEED = 1_073_741_824;

let standIn: RunwayStandIn;

beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: KEY });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

interface Harness {
  readonly provider: ReturnType<typeof createRunwayProvider>;
  /** Every delay the provider asked to sleep, in order. */
  readonly sleeps: number[];
  readonly progress: GenerationProgress[];
  readonly options: GenerationOptions;
}

/** The provider against the stand-in, with sleeps that return at once and are recorded. */
function harness(overrides: Partial<RunwayProviderOptions> = {}, options: Partial<GenerationOptions> = {}): Harness {
  const sleeps: number[] = [];
  const progress: GenerationProgress[] = [];
  const provider = createRunwayProvider({
    baseUrl: standIn.url,
    outputBase: standIn.outputBase,
    random: HALF,
    sleepAsync: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { provider, sleeps, progress, options: { apiKey: KEY, onProgress: (p) => progress.push(p), ...options } };
}

function failureOf(outcome: GenerationOutcome): GenerationFailure {
  if (outcome.ok) throw new Error('expected a failure, got an image');
  return outcome.failure;
}

function imageOf(outcome: GenerationOutcome) {
  if (!outcome.ok) throw new Error(`expected an image, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.image;
}

const targets = (): string[] => standIn.requests.map((request) => request.target);

describe('the provider', () => {
  it('describes Runway and its two models', () => {
    const { provider } = harness();
    expect(provider).toMatchObject({ id: 'runway', label: 'Runway' });
    expect(provider.models).toBe(RUNWAY_MODELS);
    expect(provider.models.map((model) => model.label)).toEqual(['Gen-4 Image', 'Gen-4 Image Turbo']);
    expect(DEFAULT_RUNWAY_TIMEOUT_MS).toBe(300_000);
    expect(MIN_POLL_INTERVAL_MS).toBe(5_000);
  });
});

describe('a task that succeeds', () => {
  it('creates, polls every 5 s with progress in order, downloads at once, and returns the stand-in’s 1920×1080 bytes', async () => {
    standIn.setLifecycle(['PENDING', 'THROTTLED', 'RUNNING:0.4', 'SUCCEEDED']);
    const { provider, sleeps, progress, options } = harness();
    const image = imageOf(await provider.generateAsync(REQUEST, options));

    const [task] = standIn.tasks;
    expect(standIn.tasks).toHaveLength(1);
    expect(image.bytes).toEqual(standIn.outputBytes(task!));
    expect(sniffImage(image.bytes)).toMatchObject({ kind: 'jpeg', width: 1920, height: 1080 });
    expect(image).toMatchObject({ seed: String(HALF_SEED), cost: 8, creditsLeft: null });

    expect(progress).toEqual([
      { phase: 'queued' }, // created
      { phase: 'queued' }, // PENDING
      { phase: 'queued' }, // THROTTLED
      { phase: 'running', fraction: 0.4 },
      { phase: 'downloading' },
    ]);
    expect(sleeps).toEqual([5000, 5000, 5000, 5000]);
    expect(targets()).toEqual(['create', 'poll', 'poll', 'poll', 'poll', 'output']);
    // The first test draws the 1920×1080 JPEG the others reuse: a limit for a busy machine, not a measurement.
  }, 60_000);

  it('sends the documented request: Bearer key, version, JSON body with the seed; polls with the same headers', async () => {
    const { provider, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    const [create, ...rest] = standIn.requests;
    expect(create).toMatchObject({ method: 'POST', path: '/v1/text_to_image' });
    expect(create?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(create?.headers['x-runway-version']).toBe('2024-11-06');
    expect(create?.headers['content-type']).toBe('application/json');
    expect(create?.body).toEqual({
      model: 'gen4_image',
      promptText: REQUEST.prompt,
      ratio: '1920:1080',
      referenceImages: [
        { uri: REFERENCE_URI, tag: 'shoe' },
        { uri: SECOND_URI, tag: 'hat' },
      ],
      seed: HALF_SEED,
    });
    const polls = rest.filter((request) => request.target === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) {
      expect(poll.path).toBe(`/v1/tasks/${standIn.tasks[0]?.id}`);
      expect(poll.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(poll.headers['x-runway-version']).toBe('2024-11-06');
    }
    const [output] = standIn.requestsTo('output');
    expect(output?.path).toMatch(/^\/output\/stand-in\/[0-9a-f-]{36}\/output\.jpg\?sig=[0-9a-f]+$/);
    expect(output?.headers.authorization).toBeUndefined();
  });

  it('shows THROTTLED as queued, even after the task ran', async () => {
    standIn.setLifecycle(['RUNNING:0.2', 'THROTTLED', 'RUNNING', 'RUNNING:0.6', 'SUCCEEDED']);
    const { provider, progress, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(progress).toEqual([
      { phase: 'queued' },
      { phase: 'running', fraction: 0.2 },
      { phase: 'queued' },
      { phase: 'running' },
      { phase: 'running', fraction: 0.6 },
      { phase: 'downloading' },
    ]);
  });

  it('never polls faster than every 5 s, whatever the caller asks; a slower interval is kept', async () => {
    standIn.setLifecycle(['PENDING', 'RUNNING:0.5', 'SUCCEEDED']);
    const fast = harness({ pollIntervalMs: 10 });
    imageOf(await fast.provider.generateAsync(REQUEST, fast.options));
    expect(fast.sleeps).toEqual([5000, 5000, 5000]);
    const slow = harness({ pollIntervalMs: 7_500 });
    imageOf(await slow.provider.generateAsync(REQUEST, slow.options));
    expect(slow.sleeps).toEqual([7500, 7500, 7500]);
  });

  it('reports the task as a job once it is created, before the first poll', async () => {
    const jobs: { job: ProviderJob; requestsSoFar: string[] }[] = [];
    const { provider, options } = harness({}, { onJob: (job) => jobs.push({ job, requestsSoFar: targets() }) });
    imageOf(await provider.generateAsync(REQUEST, options));
    // With Runway's estimate, as the create answer gave it.
    expect(jobs).toEqual([{ job: { id: standIn.tasks[0]?.id, seed: HALF_SEED, credits: ESTIMATE }, requestsSoFar: ['create'] }]);
  });

  it('sends a fixed seed and reports it; draws a new one in range otherwise', async () => {
    const { provider, options } = harness({ random: Math.random });
    const fixed = imageOf(await provider.generateAsync({ ...REQUEST, seed: 12345, ratio: '720:720' }, options));
    expect(fixed.seed).toBe('12345');
    expect(standIn.tasks[0]?.body.seed).toBe(12345);
    const drawn = imageOf(await provider.generateAsync({ ...REQUEST, ratio: '720:720' }, options));
    const sent = standIn.tasks[1]?.body.seed;
    expect(drawn.seed).toBe(String(sent));
    expect(sent).toBeGreaterThanOrEqual(0);
    expect(sent).toBeLessThanOrEqual(MAX_RUNWAY_SEED);
  });

  it('reports Runway’s estimated cost, or the model’s price when the answer has none', async () => {
    const { provider, options } = harness();
    standIn.setEstimatedCredits(6.5);
    expect(imageOf(await provider.generateAsync({ ...REQUEST, ratio: '720:720' }, options)).cost).toBe(6.5);
    standIn.setEstimatedCredits(null);
    expect(imageOf(await provider.generateAsync({ ...REQUEST, ratio: '720:720' }, options)).cost).toBe(5);
    expect(imageOf(await provider.generateAsync({ ...REQUEST, model: 'gen4_image_turbo', ratio: '720:720' }, options)).cost).toBe(2);
  });

  it('works without references for gen4_image, leaving referenceImages out', async () => {
    const { provider, options } = harness();
    const image = imageOf(await provider.generateAsync({ ...REQUEST, prompt: 'A red cube', references: [], ratio: '1280:720' }, options));
    expect(sniffImage(image.bytes)).toMatchObject({ kind: 'jpeg', width: 1280, height: 720 });
    expect(standIn.requestsTo('create')[0]?.body).not.toHaveProperty('referenceImages');
  });

  it('through a relay that holds the key: no Authorization, the relay token on every call', async () => {
    const open = await startRunwayStandIn();
    try {
      const { provider, options } = harness({ baseUrl: open.url, outputBase: open.outputBase, relayToken: TOKEN }, { apiKey: '' });
      imageOf(await provider.generateAsync({ ...REQUEST, ratio: '720:720' }, options));
      expect(open.requests.map((request) => request.target)).toEqual(['create', 'poll', 'poll', 'poll', 'output']);
      for (const request of open.requests) {
        expect(request.headers.authorization).toBeUndefined();
        expect(request.headers['x-relay-token']).toBe(TOKEN);
      }
    } finally {
      await open.close();
    }
  });
});

describe('failure codes', () => {
  it.each(['SAFETY.INPUT.TEXT', 'SAFETY.INPUT.IMAGE', 'SAFETY.OUTPUT.IMAGE', 'INPUT_PREPROCESSING.SAFETY.TEXT'])(
    '%s → content moderation, never retried (exactly one create)',
    async (code) => {
      standIn.setLifecycle(['RUNNING:0.3', `FAILED:${code}`]);
      const { provider, options } = harness();
      const failure = failureOf(await provider.generateAsync(REQUEST, options));
      expect(failure.kind).toBe('bad-request');
      expect(failure.message).toMatch(/content moderation rejected/);
      expect(failure.message).toContain(`(${code})`);
      expect(standIn.requestsTo('create')).toHaveLength(1);
      expect(standIn.requestsTo('delete')).toHaveLength(0);
    },
  );

  it('INTERNAL.BAD_OUTPUT then success → retried once with a new task and a new seed; the second seed is reported', async () => {
    standIn.setLifecycles([
      ['RUNNING:0.5', 'FAILED:INTERNAL.BAD_OUTPUT.CODE01'],
      ['RUNNING:0.5', 'SUCCEEDED'],
    ]);
    let draws = 0;
    const { provider, options } = harness({ random: () => (draws += 1) / 10 });
    const image = imageOf(await provider.generateAsync(REQUEST, options));
    const creates = standIn.requestsTo('create');
    expect(creates).toHaveLength(2);
    const [first, second] = standIn.tasks.map((task) => task.body.seed);
    expect(first).not.toBe(second);
    expect(image.seed).toBe(String(second));
    expect(image.bytes).toEqual(standIn.outputBytes(standIn.tasks[1]!));
  });

  it('a retried task is reported as a job too, with its own seed', async () => {
    standIn.setLifecycles([['FAILED:INTERNAL'], ['SUCCEEDED']]);
    const jobs: ProviderJob[] = [];
    let draws = 0;
    const { provider, options } = harness({ random: () => (draws += 1) / 10 }, { onJob: (job) => jobs.push(job) });
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(jobs).toEqual(standIn.tasks.map((task) => ({ id: task.id, seed: task.body.seed, credits: ESTIMATE })));
    expect(jobs).toHaveLength(2);
  });

  it('INTERNAL twice → a clear failure after exactly two creates; a fixed seed is kept', async () => {
    standIn.setLifecycle(['FAILED:INTERNAL']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync({ ...REQUEST, seed: 99 }, options));
    expect(failure.kind).toBe('server');
    expect(failure.message).toMatch(/could not make a usable image, on two tries \(INTERNAL\)/);
    expect(failure.message).toContain(RUNWAY_STAND_IN_FAILURES.INTERNAL);
    expect(standIn.tasks.map((task) => task.body.seed)).toEqual([99, 99]);
  });

  it('ASSET.INVALID names the reference Runway’s text points at', async () => {
    standIn.setLifecycle(['FAILED:ASSET.INVALID']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toMatch(/^Runway could not use the reference @hat \(ASSET.INVALID\)/);
    expect(standIn.requestsTo('create')).toHaveLength(1);
  });

  it('an unknown code shows Runway’s failure text', async () => {
    standIn.setLifecycle(['FAILED:GPU.ON_FIRE:The GPU is on fire']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure).toEqual({ kind: 'server', message: 'Runway could not make the image (GPU.ON_FIRE): "The GPU is on fire"' });
  });

  it('a task cancelled on Runway’s side → gone (not the designer’s cancel), without a DELETE', async () => {
    standIn.setLifecycle(['RUNNING', 'CANCELLED']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('gone');
    expect(failure.message).toMatch(/cancelled on Runway’s side/);
    expect(standIn.requestsTo('delete')).toHaveLength(0);
  });
});

describe('HTTP errors and retries', () => {
  it('429 with Retry-After and a 503 on create → retried (Retry-After honoured, then backoff), then success', async () => {
    standIn.injectFaults('create', [{ status: 429, retryAfter: '3' }, { status: 503 }]);
    const { provider, sleeps, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(standIn.requestsTo('create')).toHaveLength(3);
    // 3 s as asked; then the second backoff step, 1 s less the jitter (0.5 × 25%); then the polls.
    expect(sleeps).toEqual([3000, 875, 5000, 5000, 5000]);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    standIn.injectFaults('create', [
      { status: 429, retryAfterMs: '1234' },
      { status: 429, retryAfter: new Date(Date.now() + 20_000).toUTCString() },
    ]);
    const { provider, sleeps, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(sleeps[0]).toBe(1234);
    // An HTTP date has whole seconds, so the wait is a little under 20 s.
    expect(sleeps[1]).toBeGreaterThan(15_000);
    expect(sleeps[1]).toBeLessThanOrEqual(20_000);
  });

  it.each([502, 503, 504])('%i twice on create → backoff 0.5 s then 1 s (less jitter), then success', async (status) => {
    standIn.injectFaults('create', [{ status }, { status }]);
    const { provider, sleeps, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(sleeps.slice(0, 2)).toEqual([438, 875]);
    expect(standIn.requestsTo('create')).toHaveLength(3);
  });

  it('retries exhausted → a clear failure after three tries', async () => {
    standIn.injectFaults('create', [{ status: 503 }, { status: 502 }, { status: 503 }]);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure).toEqual({
      kind: 'server',
      message: `Runway is busy or unavailable right now (HTTP 503: "${RUNWAY_STAND_IN_ERRORS.unavailable}"). The plugin tried 3 times. Try again in a few minutes.`,
    });
    expect(targets()).toEqual(['create', 'create', 'create']);
  });

  it('a 429 asking for an hour is not waited out: rate-limited at once, with the reset', async () => {
    standIn.injectFaults('create', [{ status: 429, retryAfter: '3600' }]);
    const { provider, sleeps, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('rate-limited');
    expect(failure.resetAt).toBe('3600');
    expect(failure.message).toMatch(/rate limit was reached.*Try again after \d\d:\d\d UTC/);
    expect(sleeps).toEqual([]);
    expect(standIn.requestsTo('create')).toHaveLength(1);
  });

  it('a 400 from Runway names the field and is not retried', async () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync({ ...REQUEST, references: [{ uri: gif, tag: 'shoe' }] }, options));
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toMatch(
      /^Runway refused the request \(HTTP 400: "referenceImages\[0\]\.uri: must be an https URL or a PNG, JPEG or WebP/,
    );
    expect(standIn.requestsTo('create')).toHaveLength(1);
  });

  it('a wrong key → auth, pointing at Settings, without the key in the message', async () => {
    const wrong = `key_${'0'.repeat(128)}`;
    const { provider, options } = harness({}, { apiKey: wrong });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toContain(RUNWAY_STAND_IN_ERRORS.unauthorized);
    expect(failure.message).toMatch(/Check the Runway key in Settings/);
    expect(failure.message).not.toContain(wrong);
    expect(standIn.requestsTo('create')).toHaveLength(1);
  });

  it('no key where the relay adds none → auth, saying none was sent', async () => {
    const { provider, options } = harness({}, { apiKey: '' });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toMatch(/none was sent/);
  });

  it('a 502 and a dropped connection while polling are retried; the task still completes', async () => {
    standIn.injectFaults('poll', [{ status: 502 }, 'drop']);
    const { provider, sleeps, options } = harness();
    imageOf(await provider.generateAsync(REQUEST, options));
    expect(sleeps).toEqual([5000, 438, 875, 5000, 5000]);
    expect(standIn.requestsTo('delete')).toHaveLength(0);
  });

  it('polls that keep failing → unreachable, and the task is cancelled so it doesn’t run unseen', async () => {
    standIn.injectFaults('poll', ['drop', 'drop', 'drop']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/connection to the relay was lost while Runway was making the image/);
    expect(targets()).toEqual(['create', 'poll', 'poll', 'poll', 'delete']);
    expect(standIn.tasks[0]?.deleted).toBe(true);
  });

  it('a task Runway no longer has → gone', async () => {
    standIn.injectFaults('poll', [{ status: 404, error: RUNWAY_STAND_IN_ERRORS.notFound }]);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('gone');
    expect(failure.message).toMatch(/^Runway no longer has this task: .*\(HTTP 404: "Task not found\."\)/);
  });
});

describe('cancelling and timeouts', () => {
  it('cancel during polling → DELETE /v1/tasks/{id}, then cancelled', async () => {
    const controller = new AbortController();
    const sleeps: number[] = [];
    const { provider, options } = harness(
      {
        sleepAsync: async (ms) => {
          sleeps.push(ms);
          if (sleeps.length === 2) controller.abort();
        },
      },
      { signal: controller.signal },
    );
    standIn.setLifecycle(['RUNNING:0.1']);
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure).toEqual({ kind: 'cancelled', message: 'Generation cancelled.' });
    const [task] = standIn.tasks;
    expect(targets()).toEqual(['create', 'poll', 'delete']);
    expect(standIn.requestsTo('delete')[0]?.path).toBe(`/v1/tasks/${task?.id}`);
    expect(standIn.requestsTo('delete')[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(task?.deleted).toBe(true);
  });

  it('cancel while a poll is on its way → the poll is dropped and the task deleted', async () => {
    standIn.setLatencyMs(10_000, 'poll');
    const controller = new AbortController();
    const { provider, options } = harness({}, { signal: controller.signal });
    const pending = provider.generateAsync(REQUEST, options);
    await standIn.waitForRequestsAsync(2);
    controller.abort();
    expect(failureOf(await pending).kind).toBe('cancelled');
    expect(targets()).toEqual(['create', 'poll', 'delete']);
  });

  it('cancel while the create is on its way → its answer is awaited briefly, and the task it made is deleted', async () => {
    standIn.setLatencyMs(300, 'create');
    const controller = new AbortController();
    const jobs: ProviderJob[] = [];
    const { provider, options } = harness({}, { signal: controller.signal, onJob: (job) => jobs.push(job) });
    const pending = provider.generateAsync(REQUEST, options);
    await standIn.waitForRequestsAsync(1);
    controller.abort();
    expect(failureOf(await pending).kind).toBe('cancelled');
    expect(CANCEL_WAIT_MS).toBeGreaterThan(300);
    expect(targets()).toEqual(['create', 'delete']);
    expect(standIn.tasks[0]?.deleted).toBe(true);
    // Cancelled before anyone could watch it: nothing for the panel to come back to.
    expect(jobs).toEqual([]);
  });

  it('an already aborted signal → cancelled without a request', async () => {
    const { provider, options } = harness({}, { signal: AbortSignal.abort() });
    expect(failureOf(await provider.generateAsync(REQUEST, options)).kind).toBe('cancelled');
    expect(standIn.requests).toHaveLength(0);
  });

  it('a task that never finishes within timeoutMs → DELETE, then timeout', async () => {
    standIn.setLifecycle(['RUNNING:0.1']);
    // The overall limit is a real timer: the wait before the first poll lasts until it fires.
    const { provider, options } = harness({ sleepAsync: (_ms, signal) => sleepAsync(60_000, signal) }, { timeoutMs: 1_000 });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure).toEqual({
      kind: 'timeout',
      message: 'Runway did not deliver the image within 1 second, so the plugin gave up and cancelled the task. Try again in a moment.',
    });
    expect(targets()).toEqual(['create', 'delete']);
    expect(standIn.requestsTo('delete')[0]?.path).toBe(`/v1/tasks/${standIn.tasks[0]?.id}`);
    expect(standIn.tasks[0]?.deleted).toBe(true);
  });

  it('the real sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleepAsync(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
    await expect(sleepAsync(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});

describe('connections and outputs', () => {
  it('a connection dropped on create → unreachable, naming the relay and how to start it; not re-posted', async () => {
    standIn.injectFaults('create', ['drop']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/could not reach the relay/);
    expect(failure.message).toMatch(/only through the relay: check the Relay URL in Settings and that the relay runs \(`npm run relay`\)/);
    expect(standIn.requestsTo('create')).toHaveLength(1);
  });

  it('nobody listening → unreachable', async () => {
    const gone = await startRunwayStandIn();
    const { url, outputBase } = gone;
    await gone.close();
    const { provider, options } = harness({ baseUrl: url, outputBase });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/ECONNREFUSED/);
  });

  it('a non-image output → not-image', async () => {
    standIn.setOutputMode('html');
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toMatch(/was not an image \(it was text\/html/);
  });

  it('an expired output link → gone, not retried', async () => {
    standIn.setOutputMode('expired');
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('gone');
    expect(failure.message).toMatch(/download link expired \(Runway keeps images 24–48 hours\).*\(HTTP 403\)/);
    expect(standIn.requestsTo('output')).toHaveLength(1);
  });

  it('an output on another host is refused and never fetched', async () => {
    standIn.setOutputOrigin(standIn.url);
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.message).toMatch(/another host \(127\.0\.0\.1:\d+\).*did not fetch it/);
    expect(standIn.requestsTo('output')).toHaveLength(0);
    expect(standIn.requests.filter((request) => request.target === 'other')).toHaveLength(0);
  });
});

describe('refused before any request', () => {
  it('Gen-4 Image Turbo without references', async () => {
    const { provider, options } = harness();
    const failure = failureOf(await provider.generateAsync({ ...REQUEST, model: 'gen4_image_turbo', references: [] }, options));
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toMatch(/^Gen-4 Image Turbo needs 1 to 3 references, and none is selected\. Select at least one layer/);
    expect(standIn.requests).toHaveLength(0);
  });

  it('no Relay URL', async () => {
    const { provider, options } = harness({ baseUrl: '', outputBase: '' });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.message).toMatch(/no Relay URL is set/);
    expect(standIn.requests).toHaveLength(0);
  });

  it('a key a header cannot carry', async () => {
    const { provider, options } = harness({}, { apiKey: 'key_ with space' });
    expect(failureOf(await provider.generateAsync(REQUEST, options)).kind).toBe('auth');
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('secrets and callbacks', () => {
  it('a relay echoing the key and the token never gets them into the message', async () => {
    const { provider, options } = harness({
      relayToken: TOKEN,
      fetchImpl: async (_url, init) => {
        const sent = new Headers(init.headers);
        const body = { error: `Key ${sent.get('authorization')} and token ${sent.get('x-relay-token')} are not valid` };
        return new Response(JSON.stringify(body), { status: 401 });
      },
    });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toContain('Key Bearer [key hidden] and token [key hidden] are not valid');
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).not.toContain(TOKEN);
  });

  it('a fetch that throws synchronously still ends in an outcome', async () => {
    const { provider, options } = harness({
      fetchImpl: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const failure = failureOf(await provider.generateAsync(REQUEST, options));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toContain('(Failed to fetch)');
  });

  it('a job callback that throws does not end the generation', async () => {
    const { provider, options } = harness(
      {},
      {
        onJob: () => {
          throw new Error('storage full');
        },
      },
    );
    expect(imageOf(await provider.generateAsync(REQUEST, options)).bytes.length).toBeGreaterThan(0);
  });

  it('a progress callback that throws does not end the generation', async () => {
    const { provider, options } = harness(
      {},
      {
        onProgress: () => {
          throw new Error('panel gone');
        },
      },
    );
    expect(imageOf(await provider.generateAsync(REQUEST, options)).bytes.length).toBeGreaterThan(0);
  });
});

type ResumedJob = Parameters<ReturnType<typeof createRunwayProvider>['resumeAsync']>[0];

/** What an earlier session left: a task made as its generateAsync makes one, and the job it saved for it. */
async function earlierTaskAsync(
  lifecycle: readonly string[],
  request: GenerationRequest = { ...REQUEST, ratio: '720:720' },
): Promise<ResumedJob> {
  standIn.setLifecycle(lifecycle);
  const seed = 4242;
  const { url, init } = buildCreateTaskRequest(standIn.url, request, seed, { apiKey: KEY });
  const { id } = (await (await fetch(url, init)).json()) as { id: string };
  return { id, seed, model: request.model, ratio: request.ratio };
}

describe('resuming a task from an earlier session', () => {
  it('fetches the image of a task left running when the plugin closed, with a fresh provider', async () => {
    standIn.setLifecycle(['PENDING', 'RUNNING:0.5']);
    // The earlier session saves the job, then is closed while the task runs: it sends nothing more, because its wait
    // before the first poll only ends when this test is over.
    let closeTest!: () => void;
    const closed = new Promise<void>((resolve) => (closeTest = resolve));
    let saveJob!: (job: ProviderJob) => void;
    const saved = new Promise<ProviderJob>((resolve) => (saveJob = resolve));
    const earlier = harness({ sleepAsync: () => closed }, { onJob: (job) => saveJob(job) });
    const abandoned = earlier.provider.generateAsync(REQUEST, earlier.options);
    const job = await saved;

    standIn.finishTasks();
    const later = harness();
    const image = imageOf(await later.provider.resumeAsync({ ...job, model: REQUEST.model, ratio: REQUEST.ratio }, later.options));

    const [task] = standIn.tasks;
    expect(job).toEqual({ id: task?.id, seed: HALF_SEED, credits: ESTIMATE });
    expect(image.bytes).toEqual(standIn.outputBytes(task!));
    expect(sniffImage(image.bytes)).toMatchObject({ kind: 'jpeg', width: 1920, height: 1080 });
    // The model's price, as the create answer's estimate went with the earlier session.
    expect(image).toMatchObject({ seed: String(HALF_SEED), cost: 8, creditsLeft: null });
    // The first poll at once: the task may have finished long ago.
    expect(later.sleeps).toEqual([]);
    expect(later.progress).toEqual([{ phase: 'downloading' }]);
    expect(targets()).toEqual(['create', 'poll', 'output']);

    closeTest();
    await abandoned;
  }, 60_000);

  it('polls at once, then every 5 s with progress, until Runway finishes the task', async () => {
    const job = await earlierTaskAsync(['PENDING', 'RUNNING:0.5']);
    const sleeps: number[] = [];
    const { provider, progress, options } = harness({
      pollIntervalMs: 10,
      sleepAsync: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 2) standIn.finishTasks();
      },
    });
    const image = imageOf(await provider.resumeAsync(job, options));
    expect(image.bytes).toEqual(standIn.outputBytes(standIn.tasks[0]!));
    expect(sleeps).toEqual([5000, 5000]);
    expect(progress).toEqual([{ phase: 'queued' }, { phase: 'running', fraction: 0.5 }, { phase: 'downloading' }]);
    expect(targets()).toEqual(['create', 'poll', 'poll', 'poll', 'output']);
    expect(standIn.requestsTo('poll').map((poll) => poll.path)).toEqual(Array(3).fill(`/v1/tasks/${job.id}`));
  });

  it('reports the seed saved with the job, none when none was, and the price of the job’s model and ratio', async () => {
    const job = await earlierTaskAsync(['SUCCEEDED'], { ...REQUEST, model: 'gen4_image_turbo', ratio: '720:720' });
    const { provider, options } = harness();
    expect(imageOf(await provider.resumeAsync(job, options))).toMatchObject({ seed: '4242', cost: 2 });
    expect(imageOf(await provider.resumeAsync({ ...job, seed: null }, options))).toMatchObject({ seed: null, cost: 2 });
    expect(imageOf(await provider.resumeAsync({ ...job, model: 'gen9' }, options)).cost).toBeNull();
  });
});

describe('a resumed task that did not end well', () => {
  it('content moderation → its failure; never posted again', async () => {
    const job = await earlierTaskAsync(['RUNNING:0.3', 'FAILED:SAFETY.OUTPUT.IMAGE']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync(job, options));
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toMatch(/content moderation rejected the image it made \(SAFETY\.OUTPUT\.IMAGE\)/);
    expect(targets()).toEqual(['create', 'poll', 'poll']);
  });

  it('an internal failure → its failure, not retried as a new task (the references are not kept)', async () => {
    const job = await earlierTaskAsync(['FAILED:INTERNAL']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync(job, options));
    expect(failure.kind).toBe('server');
    expect(failure.message).toMatch(/^Runway could not make a usable image \(INTERNAL\)/);
    expect(targets()).toEqual(['create', 'poll']);
    expect(standIn.tasks).toHaveLength(1);
  });

  it('cancelled on Runway’s side → gone, saying so', async () => {
    const job = await earlierTaskAsync(['RUNNING', 'CANCELLED']);
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync(job, options));
    expect(failure.kind).toBe('gone');
    expect(failure.message).toMatch(/^The task was cancelled on Runway’s side .* so there is no image to fetch\./);
    expect(standIn.requestsTo('delete')).toHaveLength(0);
  });

  it('a task Runway does not know → gone, nothing cancelled', async () => {
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync({ id: randomUUID(), seed: 1, model: 'gen4_image', ratio: '720:720' }, options));
    expect(failure).toEqual({
      kind: 'gone',
      message: `Runway no longer has this task: it was deleted, or it was made with another Runway key (HTTP 404: "${RUNWAY_STAND_IN_ERRORS.notFound}"). Generate again.`,
    });
    expect(targets()).toEqual(['poll']);
  });

  it('a job saved without an id → gone, without a request', async () => {
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync({ id: ' ', seed: 1, model: 'gen4_image', ratio: '720:720' }, options));
    expect(failure.kind).toBe('gone');
    expect(standIn.requests).toHaveLength(0);
  });

  it('an expired output link → gone, saying how long Runway keeps images', async () => {
    const job = await earlierTaskAsync(['SUCCEEDED']);
    standIn.setOutputMode('expired');
    const { provider, options } = harness();
    const failure = failureOf(await provider.resumeAsync(job, options));
    expect(failure).toEqual({
      kind: 'gone',
      message:
        'The image’s download link expired (Runway keeps images 24–48 hours), so it can no longer be fetched (HTTP 403). Generate again.',
    });
    expect(targets()).toEqual(['create', 'poll', 'output']);
  });

  it('no Relay URL → refused before any request', async () => {
    const job = await earlierTaskAsync(['SUCCEEDED']);
    const { provider, options } = harness({ baseUrl: '', outputBase: '' });
    expect(failureOf(await provider.resumeAsync(job, options)).message).toMatch(/no Relay URL is set/);
    expect(targets()).toEqual(['create']);
  });
});

describe('cancelling and giving up on a resumed task', () => {
  it('cancel → DELETE /v1/tasks/{id}, then cancelled', async () => {
    const job = await earlierTaskAsync(['RUNNING:0.2']);
    const controller = new AbortController();
    const { provider, options } = harness({ sleepAsync: async () => controller.abort() }, { signal: controller.signal });
    expect(failureOf(await provider.resumeAsync(job, options))).toEqual({ kind: 'cancelled', message: 'Generation cancelled.' });
    expect(targets()).toEqual(['create', 'poll', 'delete']);
    expect(standIn.requestsTo('delete')[0]?.path).toBe(`/v1/tasks/${job.id}`);
    expect(standIn.tasks[0]?.deleted).toBe(true);
  });

  it('a signal aborted already → DELETE without a poll', async () => {
    const job = await earlierTaskAsync(['RUNNING:0.2']);
    const { provider, options } = harness({}, { signal: AbortSignal.abort() });
    expect(failureOf(await provider.resumeAsync(job, options)).kind).toBe('cancelled');
    expect(targets()).toEqual(['create', 'delete']);
  });

  it('a timeout → timeout, the task left running on Runway, and a later resume still gets its image', async () => {
    const job = await earlierTaskAsync(['RUNNING:0.1']);
    // The overall limit is a real timer: the wait after the first poll lasts until it fires.
    const waiting = harness({ sleepAsync: (_ms, signal) => sleepAsync(60_000, signal) }, { timeoutMs: 1_000 });
    expect(failureOf(await waiting.provider.resumeAsync(job, waiting.options))).toEqual({
      kind: 'timeout',
      message:
        'Runway did not deliver the image within 1 second, so the plugin stopped waiting. The task was left running on Runway, so its image can be fetched later.',
    });
    expect(targets()).toEqual(['create', 'poll']);
    expect(standIn.tasks[0]?.deleted).toBe(false);

    standIn.finishTasks();
    const later = harness();
    expect(imageOf(await later.provider.resumeAsync(job, later.options)).bytes).toEqual(standIn.outputBytes(standIn.tasks[0]!));
  });

  it('polls that keep failing → unreachable, the task left running', async () => {
    const job = await earlierTaskAsync(['RUNNING:0.1']);
    standIn.injectFaults('poll', ['drop', 'drop', 'drop']);
    const { provider, options } = harness();
    expect(failureOf(await provider.resumeAsync(job, options)).kind).toBe('unreachable');
    expect(targets()).toEqual(['create', 'poll', 'poll', 'poll']);
  });
});

describe('secrets in a resumed task’s failures', () => {
  it('Runway’s failure text carrying the key and the relay token shows neither', async () => {
    const job = await earlierTaskAsync([`FAILED:LEAK:Key ${KEY} and token ${TOKEN} were refused`]);
    const { provider, options } = harness({ relayToken: TOKEN });
    const failure = failureOf(await provider.resumeAsync(job, options));
    expect(failure.message).toBe('Runway could not make the image (LEAK): "Key [key hidden] and token [key hidden] were refused"');
  });

  it('a relay echoing them on the poll gets neither into the message', async () => {
    const { provider, options } = harness({
      relayToken: TOKEN,
      fetchImpl: async (_url, init) => {
        const sent = new Headers(init.headers);
        const body = { error: `Key ${sent.get('authorization')} and token ${sent.get('x-relay-token')} are not valid` };
        return new Response(JSON.stringify(body), { status: 401 });
      },
    });
    const failure = failureOf(await provider.resumeAsync({ id: 'task-1', seed: 1, model: 'gen4_image', ratio: '720:720' }, options));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toContain('Key Bearer [key hidden] and token [key hidden] are not valid');
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).not.toContain(TOKEN);
  });
});
