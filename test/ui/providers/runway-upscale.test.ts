// Runway's upscaler through the real Runway provider with Node's fetch against the Runway stand-in over 127.0.0.1:
// the image_upscale request, its task polled and downloaded like a generation, and the limits checked before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../../../core/image-bytes';
import { UPSCALE_MODEL } from '../../../core/upscale';
import type { GenerationOutcome, GenerationProgress, ProviderJob } from '../../../ui/providers/provider';
import { createRunwayProvider, MIN_POLL_INTERVAL_MS } from '../../../ui/providers/runway';
import { RUNWAY_STAND_IN_UPSCALE_CREDITS, startRunwayStandIn, type RunwayStandIn } from '../../support/runway-stand-in';
import { solidJpeg } from '../../support/segmind-stand-in';

const KEY = `key_${'7e57'.repeat(32)}`;
const IMAGE_URI = `data:image/jpeg;base64,${Buffer.from(solidJpeg(480, 320, [200, 60, 40])).toString('base64')}`;

let standIn: RunwayStandIn;
beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: KEY });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function provider(sleeps: number[] = []) {
  return createRunwayProvider({
    baseUrl: standIn.url,
    outputBase: standIn.outputBase,
    random: () => 0.5,
    sleepAsync: async (ms) => {
      sleeps.push(ms);
    },
  });
}

function imageOf(outcome: GenerationOutcome) {
  if (!outcome.ok) throw new Error(`expected an image, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.image;
}

describe('upscaling', () => {
  it('posts image_upscale with the image, the factor and the flavor, polls its task and downloads the larger image', async () => {
    standIn.setLifecycle(['PENDING', 'RUNNING:0.5', 'SUCCEEDED']);
    const sleeps: number[] = [];
    const progress: GenerationProgress[] = [];
    const jobs: ProviderJob[] = [];
    const outcome = await provider(sleeps).upscaleAsync(
      { imageUri: IMAGE_URI, factor: 4, flavor: 'photo' },
      { apiKey: KEY, onProgress: (p) => progress.push(p), onJob: (job) => jobs.push(job) },
    );
    const image = imageOf(outcome);
    expect(sniffImage(image.bytes)).toMatchObject({ kind: 'jpeg', width: 1920, height: 1280 });
    expect(image).toMatchObject({ seed: null, cost: RUNWAY_STAND_IN_UPSCALE_CREDITS, creditsLeft: null });
    const create = standIn.requests.find((request) => request.target === 'create');
    expect(create?.path).toBe('/v1/image_upscale');
    expect(create?.body).toEqual({ model: UPSCALE_MODEL, imageUri: IMAGE_URI, scaleFactor: 4, flavor: 'photo' });
    expect(create?.headers.authorization).toBe(`Bearer ${KEY}`);
    // Runway's estimate comes with the task, before the image is made.
    expect(jobs).toEqual([{ id: standIn.tasks[0]?.id, seed: null, credits: RUNWAY_STAND_IN_UPSCALE_CREDITS }]);
    expect(sleeps.every((ms) => ms >= MIN_POLL_INTERVAL_MS)).toBe(true);
    expect(progress.map((p) => p.phase)).toContain('downloading');
  });

  it('posts the upscale once more when Runway failed it internally, as for a generation', async () => {
    standIn.setLifecycles([['FAILED:INTERNAL'], ['SUCCEEDED']]);
    const jobs: ProviderJob[] = [];
    const outcome = await provider().upscaleAsync(
      { imageUri: IMAGE_URI, factor: 2, flavor: 'photo' },
      { apiKey: KEY, onJob: (job) => jobs.push(job) },
    );
    expect(sniffImage(imageOf(outcome).bytes)).toMatchObject({ kind: 'jpeg' });
    expect(standIn.requests.filter((request) => request.target === 'create').map((request) => request.path)).toEqual([
      '/v1/image_upscale',
      '/v1/image_upscale',
    ]);
    // Each task reported for resuming, the second being the one that made the image.
    expect(jobs.map((job) => job.id)).toEqual(standIn.tasks.map((task) => task.id));
  });

  it('sends nothing for an image it can’t take, and says why', async () => {
    const outcome = await provider().upscaleAsync(
      { imageUri: 'data:image/gif;base64,R0lGOD', factor: 2, flavor: 'photo' },
      { apiKey: KEY },
    );
    expect(outcome).toEqual({ ok: false, failure: { kind: 'bad-request', message: 'The image to upscale must be a PNG, JPEG or WebP.' } });
    expect(standIn.requests).toEqual([]);
  });

  it('passes on Runway’s refusal of the input, naming the field', async () => {
    const small = `data:image/jpeg;base64,${Buffer.from(solidJpeg(200, 200, [0, 0, 0])).toString('base64')}`;
    const outcome = await provider().upscaleAsync({ imageUri: small, factor: 2, flavor: 'photo' }, { apiKey: KEY });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.failure.kind).toBe('bad-request');
      expect(outcome.failure.message).toContain('each side must be 300 to 8000 px');
    }
  });
});
