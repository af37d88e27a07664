import { describe, expect, it } from 'vitest';
import { RUNWAY_RATIOS } from '../../core/ratios';
import type { GenerationFailure, GenerationOutcome, GenerationRequest } from '../../ui/providers/provider';
import { RELAY_ERROR_HEADER, RELAY_TOKEN_HEADER } from '../../ui/providers/relay-errors';
import {
  GEN4_IMAGE_MODEL,
  GEN4_IMAGE_TURBO_MODEL,
  INITIAL_RETRY_DELAY_MS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  MAX_RETRY_DELAY_MS,
  MAX_RUNWAY_MESSAGE_CHARS,
  MAX_RUNWAY_SEED,
  RUNWAY_API_VERSION,
  RUNWAY_MODELS,
  RUNWAY_OUTPUT_ORIGIN,
  backoffDelayMs,
  buildCreateTaskRequest,
  buildOutputRequest,
  buildTaskRequest,
  classifyRunwayHttpError,
  failureCodeClass,
  isRetryableStatus,
  isRunwaySeed,
  outputProblem,
  parseCreatedTask,
  randomSeed,
  readTask,
  redactSecrets,
  retryAfterMs,
  retryDelayMs,
  rewriteOutputUrl,
  runwayBasesForRelay,
  runwayCredentialsProblem,
  runwayEndpointProblem,
  runwayHeaders,
  runwayModel,
  runwayRequestProblem,
  taskFailure,
  unreachableFailure,
  type TaskContext,
  type TaskReading,
} from '../../ui/providers/runway-protocol';
import { seededRandom } from '../support/seeded-random';

const KEY = `key_${'7e57'.repeat(32)}`;
const TOKEN = 'relay-token-test-5c1f';
const BASE = 'http://127.0.0.1:8787/runway';
const OUTPUT_BASE = 'http://127.0.0.1:8787/runway-output';
const NOW = Date.UTC(2030, 0, 2, 14, 0, 0);

const REQUEST: GenerationRequest = {
  model: 'gen4_image',
  prompt: 'Put @jacket on @model, studio light',
  ratio: '1920:1080',
  references: [
    { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
    { uri: 'https://example.com/model.png', tag: 'model' },
  ],
};
const CONTEXT: TaskContext = { outputBase: OUTPUT_BASE, tags: ['jacket', 'model'], attempt: 1 };

/** Case-insensitive headers like fetch's. */
function headers(values: Record<string, string> = {}) {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

const answer = (status: number, body: unknown = '', extra: Record<string, string> = {}) => ({
  status,
  headers: headers(extra),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

const constant = (value: number) => () => value;
const task = (value: unknown, context: TaskContext = CONTEXT): TaskReading => readTask(JSON.stringify(value), context);

function failedReading(reading: TaskReading) {
  if (reading.state !== 'failed') throw new Error(`expected a failed reading, got ${reading.state}`);
  return reading;
}

describe('models', () => {
  it('offers gen4_image (default) and gen4_image_turbo with the 16 ratios, seeds and Runway’s limits', () => {
    expect(RUNWAY_MODELS.map((model) => model.id)).toEqual(['gen4_image', 'gen4_image_turbo']);
    expect(GEN4_IMAGE_MODEL).toMatchObject({ label: 'Gen-4 Image', defaultRatio: '1920:1080', minReferences: 0, maxReferences: 3, supportsSeed: true });
    expect(GEN4_IMAGE_TURBO_MODEL).toMatchObject({ label: 'Gen-4 Image Turbo', defaultRatio: '1920:1080', minReferences: 1, maxReferences: 3, supportsSeed: true });
    for (const model of RUNWAY_MODELS) expect(model.ratios).toBe(RUNWAY_RATIOS);
    expect(RUNWAY_RATIOS).toHaveLength(16);
    expect(runwayModel('gen4_image_turbo')).toBe(GEN4_IMAGE_TURBO_MODEL);
    expect(runwayModel('runway-gen4-image')).toBeNull();
  });

  it('prices gen4_image by tier (8 at 1080p, 5 at 720p) and turbo at 2; unknown ratios have no price', () => {
    for (const ratio of ['1920:1080', '1080:1920', '1024:1024', '1080:1080', '1168:880', '1360:768', '1440:1080', '1080:1440', '1808:768', '2112:912']) {
      expect(GEN4_IMAGE_MODEL.estimateCredits(ratio)).toBe(8);
      expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits(ratio)).toBe(2);
    }
    for (const ratio of ['1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720']) {
      expect(GEN4_IMAGE_MODEL.estimateCredits(ratio)).toBe(5);
      expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits(ratio)).toBe(2);
    }
    expect(GEN4_IMAGE_MODEL.estimateCredits('960:960')).toBeNull();
    expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits('960:960')).toBeNull();
  });
});

describe('runwayRequestProblem', () => {
  it('accepts a valid request, with or without references for gen4_image', () => {
    expect(runwayRequestProblem(REQUEST)).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, references: [] })).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, seed: 0 })).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, seed: MAX_RUNWAY_SEED })).toBeNull();
  });

  it.each<[string, Partial<GenerationRequest>, RegExp]>([
    ['turbo without references', { model: 'gen4_image_turbo', references: [] }, /Gen-4 Image Turbo needs 1 to 3 references.*Select at least one layer/],
    ['an unknown model', { model: 'gen3' }, /no model "gen3"/],
    [
      'four references',
      { references: ['aaa', 'bbb', 'ccc', 'ddd'].map((tag) => ({ uri: 'https://example.com/a.png', tag })) },
      /at most 3 references, and 4 are selected/,
    ],
    ['a Segmind-only ratio', { ratio: '960:960' }, /no ratio "960:960"/],
    ['an empty prompt', { prompt: '   ' }, /Write a prompt first/],
    ['a prompt over 1000 characters', { prompt: 'a'.repeat(1001) }, /1001 characters; Runway takes at most 1000/],
    ['an invalid tag', { references: [{ uri: 'https://example.com/a.png', tag: '1x' }] }, /tag "1x" of reference 1.*starts with a letter/],
    [
      'a repeated tag (any case)',
      { references: [{ uri: 'https://example.com/a.png', tag: 'shoe' }, { uri: 'https://example.com/b.png', tag: 'Shoe' }] },
      /tagged "Shoe".*unique/,
    ],
    ['a fractional seed', { seed: 1.5 }, /whole number from 0 to 2147483647; 1.5 is not/],
    ['a negative seed', { seed: -1 }, /-1 is not/],
    ['a seed over the range', { seed: MAX_RUNWAY_SEED + 1 }, /2147483648 is not/],
  ])('refuses %s before any request', (_name, change, message) => {
    const failure = runwayRequestProblem({ ...REQUEST, ...change });
    expect(failure?.kind).toBe('bad-request');
    expect(failure?.message).toMatch(message);
  });
});

describe('addresses and credentials', () => {
  it('derives the relay’s Runway and output mirrors from its base address', () => {
    expect(runwayBasesForRelay(' http://127.0.0.1:8787/ ')).toEqual({ baseUrl: BASE, outputBase: OUTPUT_BASE });
    expect(runwayBasesForRelay('https://relay.example.workers.dev')).toEqual({
      baseUrl: 'https://relay.example.workers.dev/runway',
      outputBase: 'https://relay.example.workers.dev/runway-output',
    });
  });

  it('needs http(s) relay addresses, and says where to set them', () => {
    expect(runwayEndpointProblem(BASE, OUTPUT_BASE)).toBeNull();
    expect(runwayEndpointProblem('', OUTPUT_BASE)?.message).toMatch(/no Relay URL is set.*npm run relay/);
    expect(runwayEndpointProblem(BASE, 'relay.local/runway-output')?.message).toMatch(/"relay.local\/runway-output" is not an http/);
  });

  it('refuses credentials a header cannot carry, but allows an empty key (the relay may hold one)', () => {
    expect(runwayCredentialsProblem({ apiKey: '' })).toBeNull();
    expect(runwayCredentialsProblem({ apiKey: ` ${KEY}\n`, relayToken: TOKEN })).toBeNull();
    expect(runwayCredentialsProblem({ apiKey: 'key_ab cd' })).toMatchObject({ kind: 'auth', message: expect.stringMatching(/Runway key/) });
    expect(runwayCredentialsProblem({ apiKey: KEY, relayToken: 'tökén' })).toMatchObject({ kind: 'auth', message: expect.stringMatching(/relay token/) });
  });
});

describe('requests', () => {
  it('posts the documented body to /v1/text_to_image with the Bearer key, the version and the relay token', () => {
    const { url, init } = buildCreateTaskRequest(`${BASE}/`, REQUEST, 42, { apiKey: ` ${KEY} `, relayToken: TOKEN });
    expect(url).toBe(`${BASE}/v1/text_to_image`);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Authorization: `Bearer ${KEY}`,
      'X-Runway-Version': RUNWAY_API_VERSION,
      'Content-Type': 'application/json',
      [RELAY_TOKEN_HEADER]: TOKEN,
    });
    expect(RUNWAY_API_VERSION).toBe('2024-11-06');
    expect(JSON.parse(init.body ?? '')).toEqual({
      model: 'gen4_image',
      promptText: REQUEST.prompt,
      ratio: '1920:1080',
      referenceImages: [
        { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
        { uri: 'https://example.com/model.png', tag: 'model' },
      ],
      seed: 42,
    });
  });

  it('sends no Authorization when the relay holds the key, and no token header when there is none', () => {
    const { init } = buildCreateTaskRequest(BASE, REQUEST, 7, { apiKey: '  ' });
    expect(init.headers).toEqual({ 'X-Runway-Version': RUNWAY_API_VERSION, 'Content-Type': 'application/json' });
    expect(runwayHeaders({ apiKey: '', relayToken: '' }, false)).toEqual({ 'X-Runway-Version': RUNWAY_API_VERSION });
  });

  it('leaves referenceImages out when there are none', () => {
    const { init } = buildCreateTaskRequest(BASE, { ...REQUEST, references: [] }, 7, { apiKey: KEY });
    expect(JSON.parse(init.body ?? '')).toEqual({ model: 'gen4_image', promptText: REQUEST.prompt, ratio: '1920:1080', seed: 7 });
  });

  it('polls and cancels /v1/tasks/{id} without a body, the id escaped', () => {
    const poll = buildTaskRequest(BASE, 'abc/../x', 'GET', { apiKey: KEY, relayToken: TOKEN });
    expect(poll.url).toBe(`${BASE}/v1/tasks/abc%2F..%2Fx`);
    expect(poll.init).toEqual({
      method: 'GET',
      headers: { Authorization: `Bearer ${KEY}`, 'X-Runway-Version': RUNWAY_API_VERSION, [RELAY_TOKEN_HEADER]: TOKEN },
    });
    expect(buildTaskRequest(BASE, 't1', 'DELETE', { apiKey: KEY }).init.method).toBe('DELETE');
  });

  it('downloads with the relay token only, never the Runway key', () => {
    expect(buildOutputRequest(`${OUTPUT_BASE}/a.jpg`, { apiKey: KEY, relayToken: TOKEN }).init).toEqual({
      method: 'GET',
      headers: { [RELAY_TOKEN_HEADER]: TOKEN },
    });
    expect(buildOutputRequest(`${OUTPUT_BASE}/a.jpg`, { apiKey: KEY }).init.headers).toEqual({});
  });
});

describe('seeds', () => {
  it('draws seeds across the whole range 0–2147483647 from the injected random source', () => {
    expect(randomSeed(constant(0))).toBe(0);
    expect(randomSeed(constant(0.5))).toBe(1_073_741_824);
    expect(randomSeed(constant(0.9999999999))).toBe(MAX_RUNWAY_SEED);
    const random = seededRandom(2024);
    for (let i = 0; i < 1000; i += 1) {
      const seed = randomSeed(random);
      expect(isRunwaySeed(seed), `draw ${i}: ${seed}`).toBe(true);
    }
  });

  it('knows a valid seed', () => {
    expect([0, 1, MAX_RUNWAY_SEED].every(isRunwaySeed)).toBe(true);
    expect([-1, 0.5, MAX_RUNWAY_SEED + 1, Number.NaN, Number.POSITIVE_INFINITY].some(isRunwaySeed)).toBe(false);
  });
});

describe('parseCreatedTask', () => {
  it('reads the id and the estimated cost', () => {
    expect(parseCreatedTask(JSON.stringify({ id: 't-1', estimatedCost: { credits: 8 } }))).toEqual({ ok: true, task: { id: 't-1', estimatedCredits: 8 } });
    expect(parseCreatedTask(JSON.stringify({ id: 't-2' }))).toEqual({ ok: true, task: { id: 't-2', estimatedCredits: null } });
    expect(parseCreatedTask(JSON.stringify({ id: 't-3', estimatedCost: { credits: 'eight' } }))).toEqual({ ok: true, task: { id: 't-3', estimatedCredits: null } });
  });

  it('fails clearly for an answer without a task id', () => {
    for (const body of ['', '{}', '{"id":""}', '[1]', 'not json']) {
      const parsed = parseCreatedTask(body);
      expect(parsed.ok, body).toBe(false);
      if (!parsed.ok) expect(parsed.failure).toMatchObject({ kind: 'server', message: expect.stringMatching(/names no task/) });
    }
  });
});

describe('readTask', () => {
  it('PENDING and THROTTLED are queued', () => {
    expect(task({ id: 't', status: 'PENDING' })).toEqual({ state: 'waiting', progress: { phase: 'queued' } });
    expect(task({ id: 't', status: 'THROTTLED' })).toEqual({ state: 'waiting', progress: { phase: 'queued' } });
  });

  it('RUNNING carries its progress, clamped to 0–1, or none', () => {
    expect(task({ status: 'RUNNING', progress: 0.4 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 0.4 } });
    expect(task({ status: 'RUNNING', progress: 1.7 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 1 } });
    expect(task({ status: 'RUNNING', progress: -2 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 0 } });
    expect(task({ status: 'RUNNING' })).toEqual({ state: 'waiting', progress: { phase: 'running' } });
    expect(task({ status: 'RUNNING', progress: '40%' })).toEqual({ state: 'waiting', progress: { phase: 'running' } });
  });

  it('SUCCEEDED is downloaded through the relay’s output mirror, path and query kept', () => {
    const reading = task({ status: 'SUCCEEDED', output: [`${RUNWAY_OUTPUT_ORIGIN}/abc/def.png?_jwt=x.y.z&a=1`, 'https://ignored'] });
    expect(reading).toEqual({ state: 'succeeded', downloadUrl: `${OUTPUT_BASE}/abc/def.png?_jwt=x.y.z&a=1` });
  });

  it('SUCCEEDED without an output, or with one on another host, fails and is never fetched', () => {
    expect(failedReading(task({ status: 'SUCCEEDED', output: [] })).failure.message).toMatch(/sent no link/);
    expect(failedReading(task({ status: 'SUCCEEDED' })).failure.message).toMatch(/sent no link/);
    const foreign = failedReading(task({ status: 'SUCCEEDED', output: ['https://evil.example/a.png'] }));
    expect(foreign.failure).toMatchObject({ kind: 'server', message: expect.stringMatching(/another host \(evil.example\).*did not fetch it/) });
    expect(foreign.retryOnce).toBe(false);
  });

  it('CANCELLED on Runway’s side means the image is gone (not the designer’s cancel), not retried', () => {
    const reading = failedReading(task({ status: 'CANCELLED' }));
    expect(reading.failure).toMatchObject({ kind: 'gone', message: expect.stringMatching(/cancelled on Runway’s side.*no image to fetch/) });
    expect(reading.retryOnce).toBe(false);
  });

  it('an unknown status or an unreadable body fails clearly', () => {
    expect(failedReading(task({ status: 'EXPLODED' })).failure.message).toMatch(/does not know \("EXPLODED"\)/);
    expect(failedReading(readTask('<html>', CONTEXT)).failure.message).toMatch(/could not be read \("<html>"\)/);
  });

  it('FAILED goes through the failure-code classes', () => {
    const reading = failedReading(task({ status: 'FAILED', failureCode: 'SAFETY.INPUT.IMAGE', failure: 'flagged' }));
    expect(reading.retryOnce).toBe(false);
    expect(reading.failure.kind).toBe('bad-request');
  });
});

describe('failure codes', () => {
  it.each([
    ['SAFETY.INPUT.TEXT', 'safety-input'],
    ['SAFETY.INPUT.IMAGE', 'safety-input'],
    ['INPUT_PREPROCESSING.SAFETY.TEXT', 'safety-input'],
    ['SAFETY.OUTPUT.IMAGE', 'safety-output'],
    ['INTERNAL', 'internal'],
    ['INTERNAL.BAD_OUTPUT.CODE01', 'internal'],
    ['INPUT_PREPROCESSING.INTERNAL', 'internal'],
    ['ASSET.INVALID', 'asset'],
    ['SOMETHING.NEW', 'unknown'],
    [null, 'unknown'],
  ])('%s is %s', (code, kind) => {
    expect(failureCodeClass(code)).toBe(kind);
  });

  it('safety failures say content moderation, are never retried, and name no single culprit', () => {
    const input = taskFailure('SAFETY.INPUT.TEXT', 'Prompt flagged', CONTEXT);
    expect(input.retryOnce).toBe(false);
    expect(input.failure).toEqual({
      kind: 'bad-request',
      message: expect.stringMatching(/^Runway’s content moderation rejected this request \(SAFETY.INPUT.TEXT\)\. Change the prompt or the references/),
    });
    const preprocessing = taskFailure('INPUT_PREPROCESSING.SAFETY.TEXT', null, CONTEXT);
    expect(preprocessing.retryOnce).toBe(false);
    expect(preprocessing.failure.message).toMatch(/content moderation rejected this request/);
    const output = taskFailure('SAFETY.OUTPUT.IMAGE', null, CONTEXT);
    expect(output.retryOnce).toBe(false);
    expect(output.failure.message).toMatch(/content moderation rejected the image it made \(SAFETY.OUTPUT.IMAGE\)/);
  });

  it('internal failures may be retried once, and say so after the second try', () => {
    const first = taskFailure('INTERNAL.BAD_OUTPUT.CODE01', 'Rejected by quality checks', CONTEXT);
    expect(first.retryOnce).toBe(true);
    expect(first.failure).toMatchObject({ kind: 'server' });
    expect(first.failure.message).toMatch(/could not make a usable image \(INTERNAL.BAD_OUTPUT.CODE01\)\. Runway said: "Rejected by quality checks" Text or graphics/);
    expect(taskFailure('INTERNAL', null, { ...CONTEXT, attempt: 2 }).failure.message).toMatch(/usable image, on two tries \(INTERNAL\)\./);
  });

  it('an invalid asset names the reference when Runway’s text does (by index or by tag)', () => {
    const byIndex = taskFailure('ASSET.INVALID', 'Invalid asset for referenceImages[1]: cannot decode', CONTEXT);
    expect(byIndex.retryOnce).toBe(false);
    expect(byIndex.failure).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/^Runway could not use the reference @model \(ASSET.INVALID\)/) });
    expect(taskFailure('ASSET.INVALID', 'referenceImages.0.uri is too large', CONTEXT).failure.message).toMatch(/the reference @jacket/);
    expect(taskFailure('ASSET.INVALID', 'The image tagged Jacket is too wide', CONTEXT).failure.message).toMatch(/the reference @jacket/);
    expect(taskFailure('ASSET.INVALID', 'referenceImages[5] bad', CONTEXT).failure.message).toMatch(/use reference 6/);
    expect(taskFailure('ASSET.INVALID', 'Bad image', CONTEXT).failure.message).toMatch(/use one of the references .*"Bad image"/);
  });

  it('an unknown code shows Runway’s own failure text', () => {
    expect(taskFailure('NEW.CODE', 'The moon is in the wrong phase', CONTEXT)).toEqual({
      failure: { kind: 'server', message: 'Runway could not make the image (NEW.CODE): "The moon is in the wrong phase"' },
      retryOnce: false,
    });
    expect(taskFailure(null, null, CONTEXT).failure.message).toBe('Runway could not make the image and did not say why. Try again.');
  });

  it('cuts a long failure text', () => {
    const { failure } = taskFailure('NEW.CODE', 'x'.repeat(5000), CONTEXT);
    expect(failure.message.length).toBeLessThan(MAX_RUNWAY_MESSAGE_CHARS + 80);
  });
});

describe('rewriteOutputUrl', () => {
  it('maps Runway’s output host onto the relay’s mirror', () => {
    expect(rewriteOutputUrl(`${RUNWAY_OUTPUT_ORIGIN}/a/b.jpg?sig=1`, `${OUTPUT_BASE}/`)).toBe(`${OUTPUT_BASE}/a/b.jpg?sig=1`);
    expect(rewriteOutputUrl(`${RUNWAY_OUTPUT_ORIGIN}:443/a.jpg#frag`, OUTPUT_BASE)).toBe(`${OUTPUT_BASE}/a.jpg`);
  });

  it.each([
    'http://dnznrvs05pmza.cloudfront.net/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net.evil.example/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net@evil.example/a.jpg',
    'https://user:pw@dnznrvs05pmza.cloudfront.net/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net:8443/a.jpg',
    'https://evil.example/dnznrvs05pmza.cloudfront.net/a.jpg',
    '//dnznrvs05pmza.cloudfront.net/a.jpg',
    'data:image/png;base64,AAAA',
    'not a url',
  ])('refuses %s', (raw) => {
    expect(rewriteOutputUrl(raw, OUTPUT_BASE)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(rewriteOutputUrl(42, OUTPUT_BASE)).toBeNull();
    expect(rewriteOutputUrl(null, OUTPUT_BASE)).toBeNull();
  });
});

describe('outputProblem', () => {
  it('passes an image, and names what came instead of one', () => {
    expect(outputProblem('jpeg', 1000, 'image/jpeg')).toBeNull();
    expect(outputProblem(null, 38, 'text/html; charset=utf-8')).toEqual({
      kind: 'not-image',
      message: 'The download of Runway’s image was not an image (it was text/html, 38 bytes). Check the relay and generate again.',
    });
    expect(outputProblem(null, 0, null)?.message).toMatch(/came back empty/);
  });
});

describe('classifyRunwayHttpError', () => {
  const context = { call: 'create' as const, keySent: true, attempts: 1, nowMs: NOW };

  it('400 shows Runway’s text, which names the field', () => {
    expect(classifyRunwayHttpError(answer(400, { error: 'referenceImages[0].uri: Invalid data URI.' }), context)).toEqual({
      kind: 'bad-request',
      message: 'Runway refused the request (HTTP 400: "referenceImages[0].uri: Invalid data URI.").',
    });
    const issues = { error: 'Validation of body failed', issues: [{ path: ['ratio'], message: 'Invalid enum value' }, { path: ['seed'], message: 'Too big' }] };
    expect(classifyRunwayHttpError(answer(400, issues), context).message).toBe(
      'Runway refused the request (HTTP 400: "Validation of body failed; ratio: Invalid enum value; seed: Too big").',
    );
    expect(classifyRunwayHttpError(answer(400), context).message).toMatch(/without saying why/);
  });

  it('400 about credits is a credits failure', () => {
    const failure = classifyRunwayHttpError(answer(400, { error: 'You do not have enough credits to run this task.' }), context);
    expect(failure).toMatchObject({ kind: 'credits', message: expect.stringMatching(/Not enough Runway credits/) });
  });

  it('401 points at the Runway key in Settings, or at the relay’s key when none was sent', () => {
    const sent = classifyRunwayHttpError(answer(401, { error: 'Invalid API key' }), context);
    expect(sent).toMatchObject({ kind: 'auth', message: expect.stringMatching(/refused the API key.*Check the Runway key in Settings.*RUNWAY_API_KEY/) });
    const none = classifyRunwayHttpError(answer(401, { error: 'Missing key' }), { ...context, keySent: false });
    expect(none).toMatchObject({ kind: 'auth', message: expect.stringMatching(/none was sent.*Paste your Runway key in Settings/) });
  });

  it('404 means a wrong relay address on create, a task gone on poll', () => {
    expect(classifyRunwayHttpError(answer(404), context)).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/Relay URL/) });
    expect(classifyRunwayHttpError(answer(404, { error: 'Task not found.' }), { ...context, call: 'poll' })).toEqual({
      kind: 'gone',
      message: 'Runway no longer has this task: it was deleted, or it was made with another Runway key (HTTP 404: "Task not found."). Generate again.',
    });
  });

  it('405, 413 and an unexpected 4xx are bad requests; 403 is auth', () => {
    expect(classifyRunwayHttpError(answer(405, '<html><title>405 Not Allowed</title></html>'), context)).toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(/HTTP 405: "405 Not Allowed".*report it/),
    });
    expect(classifyRunwayHttpError(answer(413), context)).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/too large/) });
    expect(classifyRunwayHttpError(answer(418, 'teapot'), context)).toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/unexpected HTTP 418: "teapot"/) });
    expect(classifyRunwayHttpError(answer(403), context).kind).toBe('auth');
  });

  it('429 is rate-limited, with when to try again from Retry-After', () => {
    const soon = classifyRunwayHttpError(answer(429, { error: 'Too many' }, { 'retry-after': '30' }), { ...context, attempts: 3 });
    expect(soon).toEqual({
      kind: 'rate-limited',
      message: 'Runway’s rate limit was reached (HTTP 429: "Too many"). The plugin tried 3 times. Try again in 30 seconds.',
      resetAt: '30',
    });
    const later = classifyRunwayHttpError(answer(429, '', { 'retry-after': 'Wed, 02 Jan 2030 17:30:00 GMT' }), context);
    expect(later).toMatchObject({ message: expect.stringMatching(/Try again after 17:30 UTC\.$/), resetAt: 'Wed, 02 Jan 2030 17:30:00 GMT' });
    const unknown = classifyRunwayHttpError(answer(429), context);
    expect(unknown.resetAt).toBeUndefined();
    expect(unknown.message).toMatch(/caps generations per day/);
  });

  it.each([500, 502, 503, 504, 408, 409])('%i is a server failure that says how often it was tried', (status) => {
    const failure = classifyRunwayHttpError(answer(status, { error: 'Shedding load' }), { ...context, attempts: 3 });
    expect(failure.kind).toBe('server');
    expect(failure.message).toBe(`Runway is busy or unavailable right now (HTTP ${status}: "Shedding load"). The plugin tried 3 times. Try again in a few minutes.`);
  });

  it.each([403, 404, 410])('a download answered %i is gone: its link expired', (status) => {
    expect(classifyRunwayHttpError(answer(status, '<?xml version="1.0"?><Error/>'), { ...context, call: 'download' })).toEqual({
      kind: 'gone',
      message: `The image’s download link expired (Runway keeps images 24–48 hours), so it can no longer be fetched (HTTP ${status}). Generate again.`,
    });
  });

  it('another download failure says how often it was tried', () => {
    expect(classifyRunwayHttpError(answer(502), { ...context, call: 'download', attempts: 3 }).message).toMatch(/HTTP 502\)\. The plugin tried 3 times/);
  });

  it('the relay’s own refusal comes first', () => {
    const failure = classifyRunwayHttpError(answer(401, { error: 'token' }, { [RELAY_ERROR_HEADER]: 'token' }), context);
    expect(failure).toMatchObject({ kind: 'auth', message: expect.stringMatching(/relay token/) });
  });
});

describe('retries', () => {
  it('retries what the SDK retries', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 405, 413, 422]) expect(isRetryableStatus(status), String(status)).toBe(false);
  });

  it('backs off 0.5 s × 2^n, capped at 8 s, less up to a quarter of jitter', () => {
    expect(backoffDelayMs(0, constant(0))).toBe(INITIAL_RETRY_DELAY_MS);
    expect(backoffDelayMs(1, constant(0))).toBe(1000);
    expect(backoffDelayMs(4, constant(0))).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffDelayMs(9, constant(0))).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffDelayMs(0, constant(0.5))).toBe(438);
    const random = seededRandom(7);
    for (let retry = 0; retry < 8; retry += 1) {
      const full = Math.min(500 * 2 ** retry, 8000);
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelayMs(retry, random);
        expect(delay, `retry ${retry}`).toBeGreaterThanOrEqual(full * 0.75);
        expect(delay, `retry ${retry}`).toBeLessThanOrEqual(full);
      }
    }
  });

  it('reads retry-after-ms, Retry-After in seconds and as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1234' }), NOW)).toBe(1234);
    expect(retryAfterMs(headers({ 'retry-after-ms': '12.2', 'retry-after': '99' }), NOW)).toBe(13);
    expect(retryAfterMs(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }), NOW)).toBe(1500);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW + 7000).toUTCString() }), NOW)).toBe(7000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW - 7000).toUTCString() }), NOW)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
    expect(retryAfterMs(headers({ 'retry-after-ms': '-5' }), NOW)).toBeNull();
    expect(retryAfterMs(headers(), NOW)).toBeNull();
  });

  it('plans at most two retries, honouring the server’s pause', () => {
    const busy = { status: 503, headers: headers() };
    expect(retryDelayMs(busy, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs(busy, 1, constant(0), NOW)).toBe(1000);
    expect(retryDelayMs(busy, MAX_RETRIES, constant(0), NOW)).toBeNull();
    expect(MAX_RETRIES).toBe(2);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '2' }) }, 0, constant(0.9), NOW)).toBe(2000);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after-ms': '750' }) }, 1, constant(0.9), NOW)).toBe(750);
  });

  it('does not wait out a pause longer than a minute (a daily cap)', () => {
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000) }) }, 0, constant(0), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs({ status: 429, headers: headers({ 'retry-after': '3600' }) }, 0, constant(0), NOW)).toBeNull();
  });

  it('never retries what won’t change: 400, 401, 404, 405, the relay’s own refusals, x-should-retry: false', () => {
    for (const status of [400, 401, 404, 405]) expect(retryDelayMs({ status, headers: headers() }, 0, constant(0), NOW)).toBeNull();
    expect(retryDelayMs({ status: 503, headers: headers({ [RELAY_ERROR_HEADER]: 'misconfigured' }) }, 0, constant(0), NOW)).toBeNull();
    expect(retryDelayMs({ status: 503, headers: headers({ 'x-should-retry': 'false' }) }, 0, constant(0), NOW)).toBeNull();
  });

  it('retries the relay’s upstream trouble and what x-should-retry: true asks for', () => {
    expect(retryDelayMs({ status: 502, headers: headers({ [RELAY_ERROR_HEADER]: 'upstream' }) }, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs({ status: 504, headers: headers({ [RELAY_ERROR_HEADER]: 'timeout' }) }, 0, constant(0), NOW)).toBe(500);
    expect(retryDelayMs({ status: 400, headers: headers({ 'x-should-retry': 'true' }) }, 0, constant(0), NOW)).toBe(500);
  });
});

describe('unreachableFailure', () => {
  it('says Runway is reachable only through the relay, and how to start it', () => {
    const failure = unreachableFailure('create', 'fetch failed: connect ECONNREFUSED 127.0.0.1:8787');
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toBe(
      'The plugin could not reach the relay (fetch failed: connect ECONNREFUSED 127.0.0.1:8787). Runway is reachable from the plugin ' +
        'only through the relay: check the Relay URL in Settings and that the relay runs (`npm run relay`).',
    );
    expect(unreachableFailure('poll', '').message).toMatch(/^The connection to the relay was lost while Runway was making the image\. /);
    expect(unreachableFailure('download', 'x').message).toMatch(/^The image is ready, but downloading it through the relay failed \(x\)/);
  });
});

describe('redactSecrets', () => {
  it('hides the key and the relay token wherever a message holds them', () => {
    const outcome: GenerationOutcome = {
      ok: false,
      failure: { kind: 'auth', message: `Key ${KEY} with token ${TOKEN}; again ${KEY}` },
    };
    const redacted = redactSecrets(outcome, [KEY, TOKEN]);
    const failure = (redacted as { failure: GenerationFailure }).failure;
    expect(failure.message).toBe('Key [key hidden] with token [key hidden]; again [key hidden]');
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).not.toContain(TOKEN);
  });

  it('leaves successes and secret-free messages alone, and skips missing secrets', () => {
    const ok: GenerationOutcome = { ok: true, image: { bytes: new Uint8Array([1]), creditsLeft: null, seed: '1', cost: 8 } };
    expect(redactSecrets(ok, [KEY])).toBe(ok);
    const plain: GenerationOutcome = { ok: false, failure: { kind: 'server', message: 'busy' } };
    expect(redactSecrets(plain, [KEY, undefined, ''])).toBe(plain);
  });
});
