// Runway's official SDK (@runwayml/sdk 4.20) through the relay, as a team's own script would use it: the SDK's base
// URL is the relay's /runway, its fetch goes to the relay app, and the relay forwards to the Runway stand-in. An
// upscale is created with imageUpscale.create, its task read with tasks.retrieve until it succeeds, and the output
// is downloaded through the relay's output route.
import RunwayML from '@runwayml/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig } from '../../relay/src/config';
import { decode } from '../browser/fixtures/image-samples';
import { RUNWAY_STAND_IN_UPSCALE_CREDITS, startRunwayStandIn, type RunwayStandIn } from '../support/runway-stand-in';
import { solidJpeg } from '../support/segmind-stand-in';

/** Made up for the test, in the shape of a Runway key. */
const RUNWAY_KEY = `key_${'5dc0'.repeat(32)}`;
/** The relay's address as the SDK sees it; its fetch hands every request to the relay app. */
const RELAY = 'http://relay.test';

let standIn: RunwayStandIn;
let relay: ReturnType<typeof createRelayApp>;
const relayLog: string[] = [];

beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: RUNWAY_KEY, lifecycle: ['PENDING', 'SUCCEEDED'] });
  const read = readRelayConfig({ RUNWAY_API_BASE: standIn.url, RUNWAY_OUTPUT_BASE: standIn.outputBase });
  if (!read.ok) throw new Error(read.problems.join('; '));
  relay = createRelayApp(read.config, { log: (line) => relayLog.push(line) });
});
afterAll(() => standIn?.close());

function client(): RunwayML {
  return new RunwayML({
    apiKey: RUNWAY_KEY,
    baseURL: `${RELAY}/runway`,
    maxRetries: 0,
    fetch: (input, init) => Promise.resolve(relay.fetch(new Request(input, init))),
  });
}

describe('Runway’s official SDK through the relay', () => {
  it('creates an upscale, reads its task to the end and downloads the larger image through the relay', async () => {
    const runway = client();
    const imageUri = `data:image/jpeg;base64,${Buffer.from(solidJpeg(640, 360, [30, 120, 200])).toString('base64')}`;
    const created = await runway.imageUpscale.create({
      model: 'magnific_precision_upscaler_v2',
      imageUri,
      scaleFactor: 2,
      flavor: 'photo',
    });
    expect(created).toMatchObject({ id: standIn.tasks[0]?.id, estimatedCost: { credits: RUNWAY_STAND_IN_UPSCALE_CREDITS } });

    let task = await runway.tasks.retrieve(created.id);
    for (let polls = 1; task.status !== 'SUCCEEDED' && polls < 5; polls += 1) task = await runway.tasks.retrieve(created.id);
    expect(task.status).toBe('SUCCEEDED');
    const output = (task as { output?: string[] }).output?.[0] ?? '';
    // The output lies on Runway's host; the relay serves it under /runway-output/.
    const path = new URL(output).pathname + new URL(output).search;
    const download = await relay.fetch(new Request(`${RELAY}/runway-output${path}`));
    expect(download.status).toBe(200);
    expect(decode(new Uint8Array(await download.arrayBuffer()))).toMatchObject({ kind: 'jpeg', width: 1280, height: 720 });

    // What reached Runway: the SDK's own request, with its key and API version, through the relay.
    const create = standIn.requests.find((request) => request.target === 'create');
    expect(create).toMatchObject({ method: 'POST', path: '/v1/image_upscale' });
    expect(create?.body).toEqual({ model: 'magnific_precision_upscaler_v2', imageUri, scaleFactor: 2, flavor: 'photo' });
    expect(create?.headers.authorization).toBe(`Bearer ${RUNWAY_KEY}`);
    expect(relayLog.join('\n')).not.toContain(RUNWAY_KEY);
    expect(relayLog.some((line) => line.startsWith('POST /runway/v1/image_upscale 200'))).toBe(true);
  });
});
