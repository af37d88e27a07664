// The Runway stand-in itself, with plain fetch: other tests (the provider's, the relay's, end to end) trust it to
// refuse what Runway refuses and to walk its lifecycles as scripted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../../../core/image-bytes';
import {
  RUNWAY_STAND_IN_ERRORS,
  RUNWAY_STAND_IN_FAILURES,
  RUNWAY_STAND_IN_OUTPUT_ORIGIN,
  runwayStandInPrice,
  startRunwayStandIn,
  type RunwayStandIn,
} from '../../support/runway-stand-in';
import { solidPng } from '../../support/segmind-stand-in';

const KEY = `key_${'7e57'.repeat(32)}`;
const PNG_URI = `data:image/png;base64,${Buffer.from(solidPng(8, 8, [1, 2, 3])).toString('base64')}`;
const BODY = { model: 'gen4_image', promptText: 'A cat @pet', ratio: '1280:720', referenceImages: [{ uri: PNG_URI, tag: 'pet' }], seed: 5 };
const HEADERS = { authorization: `Bearer ${KEY}`, 'x-runway-version': '2024-11-06', 'content-type': 'application/json' };

let standIn: RunwayStandIn;

beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: KEY });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

async function create(
  body: unknown,
  headers: Record<string, string> = HEADERS,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${standIn.url}/v1/text_to_image`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function poll(id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIn.url}/v1/tasks/${id}`, { headers: HEADERS });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('create', () => {
  it('answers a task id and the contract’s price', async () => {
    const { status, json } = await create(BODY);
    expect(status).toBe(200);
    expect(json).toEqual({ id: standIn.tasks[0]?.id, estimatedCost: { credits: 5 } });
    expect(runwayStandInPrice('gen4_image', '1920:1080')).toBe(8);
    expect(runwayStandInPrice('gen4_image_turbo', '1920:1080')).toBe(2);
    expect(standIn.requestsTo('create')[0]?.body).toEqual(BODY);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown model', { model: 'gen3' }, /^model:/],
    ['an empty prompt', { promptText: '' }, /^promptText:/],
    ['a prompt over 1000 characters', { promptText: 'a'.repeat(1001) }, /^promptText: must be at most 1000/],
    ['a Segmind-only ratio', { ratio: '960:960' }, /^ratio: "960:960"/],
    [
      'four references',
      { referenceImages: ['aaa', 'bbb', 'ccc', 'ddd'].map((tag) => ({ uri: PNG_URI, tag })) },
      /^referenceImages: at most 3/,
    ],
    ['turbo without references', { model: 'gen4_image_turbo', referenceImages: [] }, /^referenceImages: gen4_image_turbo needs at least 1/],
    ['a bad tag', { referenceImages: [{ uri: PNG_URI, tag: '1x' }] }, /^referenceImages\[0\]\.tag:/],
    [
      'a repeated tag',
      {
        referenceImages: [
          { uri: PNG_URI, tag: 'pet' },
          { uri: PNG_URI, tag: 'PET' },
        ],
      },
      /^referenceImages\[1\]\.tag: "PET" is used twice/,
    ],
    [
      'a data URI that lies about its bytes',
      { referenceImages: [{ uri: 'data:image/jpeg;base64,iVBORw0KGgo=', tag: 'pet' }] },
      /^referenceImages\[0\]\.uri:/,
    ],
    ['a fractional seed', { seed: 1.5 }, /^seed:/],
    ['a seed over the range', { seed: 2_147_483_648 }, /^seed:/],
  ])('refuses %s with a 400 naming the field', async (_name, change, message) => {
    const { status, json } = await create({ ...BODY, ...change });
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    expect(standIn.tasks).toHaveLength(0);
  });

  it('checks the Bearer key and the version header', async () => {
    expect((await create(BODY, { ...HEADERS, authorization: 'Bearer key_wrong' })).json).toEqual({
      error: RUNWAY_STAND_IN_ERRORS.unauthorized,
    });
    const { authorization: _drop, ...noKey } = HEADERS;
    expect((await create(BODY, noKey)).status).toBe(401);
    const noVersion = await create(BODY, { ...HEADERS, 'x-runway-version': '2023-01-01' });
    expect(noVersion).toEqual({ status: 400, json: { error: RUNWAY_STAND_IN_ERRORS.version } });
  });
});

describe('tasks', () => {
  it('walk their lifecycle one poll at a time, the last step repeating', async () => {
    standIn.setLifecycle(['PENDING', 'THROTTLED', 'RUNNING:0.4', 'SUCCEEDED']);
    const { json } = await create(BODY);
    const id = String(json.id);
    expect((await poll(id)).status).toBe('PENDING');
    expect((await poll(id)).status).toBe('THROTTLED');
    expect(await poll(id)).toMatchObject({ status: 'RUNNING', progress: 0.4 });
    const done = await poll(id);
    expect(done.status).toBe('SUCCEEDED');
    const [link] = done.output as string[];
    expect(link).toMatch(new RegExp(`^${RUNWAY_STAND_IN_OUTPUT_ORIGIN}/stand-in/${id}/output\\.jpg\\?sig=[0-9a-f]+$`));
    expect((await poll(id)).status).toBe('SUCCEEDED');

    const path = link!.slice(RUNWAY_STAND_IN_OUTPUT_ORIGIN.length);
    const output = await fetch(`${standIn.outputBase}${path}`);
    expect(output.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await output.arrayBuffer());
    expect(sniffImage(bytes)).toMatchObject({ kind: 'jpeg', width: 1280, height: 720 });
    expect(bytes).toEqual(standIn.outputBytes(standIn.tasks[0]!));
    expect((await fetch(`${standIn.outputBase}${path.replace(/sig=[0-9a-f]+/, 'sig=00')}`)).status).toBe(403);
  });

  it('report failure codes with Runway’s text, and follow a lifecycle per task', async () => {
    standIn.setLifecycles([['FAILED:SAFETY.INPUT.TEXT'], ['FAILED:X.Y:Custom text'], ['FAILED']]);
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push(String((await create(BODY)).json.id));
    expect(await poll(ids[0]!)).toMatchObject({
      status: 'FAILED',
      failureCode: 'SAFETY.INPUT.TEXT',
      failure: RUNWAY_STAND_IN_FAILURES['SAFETY.INPUT.TEXT'],
    });
    expect(await poll(ids[1]!)).toMatchObject({ status: 'FAILED', failureCode: 'X.Y', failure: 'Custom text' });
    expect(await poll(ids[2]!)).not.toHaveProperty('failureCode');
    expect(await poll(ids[3]!)).not.toHaveProperty('failureCode');
  });

  it('record a DELETE as a cancel; an unknown task is a 404', async () => {
    standIn.setLifecycle(['RUNNING']);
    const id = String((await create(BODY)).json.id);
    const deleted = await fetch(`${standIn.url}/v1/tasks/${id}`, { method: 'DELETE', headers: HEADERS });
    expect(deleted.status).toBe(204);
    expect(standIn.tasks[0]?.deleted).toBe(true);
    expect((await poll(id)).status).toBe('CANCELLED');
    const unknown = await fetch(`${standIn.url}/v1/tasks/nope`, { headers: HEADERS });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: RUNWAY_STAND_IN_ERRORS.notFound });
  });

  it('are held by a repeating step until finishTasks releases the ones made so far', async () => {
    standIn.setLifecycle(['PENDING', 'RUNNING:0.5']);
    const held = String((await create(BODY)).json.id);
    const deleted = String((await create(BODY)).json.id);
    await fetch(`${standIn.url}/v1/tasks/${deleted}`, { method: 'DELETE', headers: HEADERS });
    expect((await poll(held)).status).toBe('PENDING');
    for (let i = 0; i < 3; i += 1) expect(await poll(held)).toMatchObject({ status: 'RUNNING', progress: 0.5 });

    standIn.finishTasks();
    const later = String((await create(BODY)).json.id);
    expect((await poll(held)).status).toBe('SUCCEEDED');
    expect((await poll(held)).status).toBe('SUCCEEDED');
    expect((await poll(deleted)).status).toBe('CANCELLED');
    expect((await poll(later)).status).toBe('PENDING');

    standIn.finishTasks('FAILED:SAFETY.OUTPUT.IMAGE');
    expect(await poll(later)).toMatchObject({ status: 'FAILED', failureCode: 'SAFETY.OUTPUT.IMAGE' });
  });
});

describe('faults', () => {
  it('answers queued faults in order, then normally', async () => {
    standIn.injectFaults('create', [
      { status: 429, retryAfter: '3' },
      { status: 503, retryAfterMs: '250' },
    ]);
    const first = await fetch(`${standIn.url}/v1/text_to_image`, { method: 'POST', headers: HEADERS, body: JSON.stringify(BODY) });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(await first.json()).toEqual({ error: RUNWAY_STAND_IN_ERRORS.rateLimited });
    const second = await fetch(`${standIn.url}/v1/text_to_image`, { method: 'POST', headers: HEADERS, body: JSON.stringify(BODY) });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after-ms')).toBe('250');
    expect((await create(BODY)).status).toBe(200);
    expect(standIn.requestsTo('create')).toHaveLength(3);
  });

  it('drops a connection', async () => {
    standIn.injectFaults('poll', ['drop']);
    await expect(fetch(`${standIn.url}/v1/tasks/x`, { headers: HEADERS })).rejects.toThrow(TypeError);
    expect(standIn.requestsTo('poll')).toHaveLength(1);
  });

  it('refuses other paths and methods', async () => {
    expect((await fetch(`${standIn.url}/v1/image_to_video`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${standIn.url}/v1/text_to_image`)).status).toBe(405);
    expect(standIn.requests.map((request) => request.target)).toEqual(['other', 'other']);
  });
});
