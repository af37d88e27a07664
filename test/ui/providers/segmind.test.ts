// The real provider with Node's fetch against the Segmind stand-in over 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { sniffImage } from '../../../core/image-bytes';
import type { GenerationFailure, GenerationOutcome, GenerationRequest } from '../../../ui/providers/provider';
import { DEFAULT_TIMEOUT_MS, createSegmindProvider, segmindProvider } from '../../../ui/providers/segmind';
import { SEGMIND_RATIOS } from '../../../core/ratios';
import {
  HUGE_IMAGE_SIZE,
  STAND_IN_ERRORS,
  STAND_IN_PATH,
  renderStandInImage,
  solidJpeg,
  standInSlotCentres,
  standInSeed,
  startSegmindStandIn,
  type SegmindStandIn,
  type SegmindStandInMode,
} from '../../support/segmind-stand-in';

const KEY = 'sk-test-provider-77aa';
const SHOE_RGB = [180, 70, 40] as const;
const REFERENCE_URI = `data:image/jpeg;base64,${Buffer.from(solidJpeg(16, 16, SHOE_RGB)).toString('base64')}`;
const REQUEST: GenerationRequest = {
  model: 'runway-gen4-image',
  prompt: 'A poster of @shoe on a beach at dusk',
  ratio: '960:960',
  references: [{ uri: REFERENCE_URI, tag: 'shoe' }],
};

let standIn: SegmindStandIn;
let provider: ReturnType<typeof createSegmindProvider>;

beforeAll(async () => {
  standIn = await startSegmindStandIn({ credits: 1000, cost: 0.5, slowMs: 60_000 });
  provider = createSegmindProvider({ baseUrl: standIn.url });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.setMode('ok');
  standIn.setLatencyMs(0);
  standIn.setRateLimitResetAt('2030-01-02T14:03:00Z');
  standIn.requests.length = 0;
});

function failureOf(outcome: GenerationOutcome): GenerationFailure {
  if (outcome.ok) throw new Error('expected a failure, got an image');
  return outcome.failure;
}

function imageOf(outcome: GenerationOutcome) {
  if (!outcome.ok) throw new Error(`expected an image, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.image;
}

describe('the provider', () => {
  it('describes Segmind runway-gen4-image', () => {
    expect(segmindProvider).toMatchObject({ id: 'segmind', label: 'Segmind' });
    expect(segmindProvider.models).toHaveLength(1);
    const [model] = segmindProvider.models;
    expect(model).toMatchObject({
      id: 'runway-gen4-image',
      defaultRatio: '1280:720',
      maxReferences: 3,
      minReferences: 1,
      supportsSeed: false,
    });
    expect(model?.ratios).toBe(SEGMIND_RATIOS);
    expect(model?.estimateCredits('1280:720')).toBeNull();
    expect(DEFAULT_TIMEOUT_MS).toBe(180_000);
  });
});

describe('a good answer', () => {
  it('returns the exact bytes the server sent, and what it said about credits and seed', async () => {
    const outcome = await provider.generateAsync(REQUEST, { apiKey: KEY });
    const image = imageOf(outcome);
    const decoded = jpeg.decode(image.bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([960, 960]);
    expect(Buffer.from(image.bytes).equals(Buffer.from(renderStandInImage(standIn.requests[0]?.body)))).toBe(true);
    // The reference's slot shows the shoe's colour.
    const [centre] = standInSlotCentres('960:960', 1);
    const at = (centre!.y * 960 + centre!.x) * 4;
    SHOE_RGB.forEach((channel, i) => expect(Math.abs((decoded.data[at + i] ?? 0) - channel)).toBeLessThan(8));
    expect(image.seed).toBe(standInSeed(REQUEST.prompt));
    expect(image.creditsLeft).toBe(standIn.credits);
  });

  it('sends the documented request', async () => {
    await provider.generateAsync(REQUEST, { apiKey: KEY });
    const [seen] = standIn.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.path).toBe(STAND_IN_PATH);
    expect(seen?.headers['x-api-key']).toBe(KEY);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.body).toEqual({ promptText: REQUEST.prompt, referenceImages: [{ uri: REFERENCE_URI, tag: 'shoe' }], ratio: '960:960' });
  });

  it('counts credits down call by call', async () => {
    const first = imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY })).creditsLeft;
    const second = imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY })).creditsLeft;
    expect(first).not.toBeNull();
    expect(second).toBe((first ?? 0) - 0.5);
    expect(standIn.credits).toBe(second);
  });

  it('gets an image of each ratio the provider offers', async () => {
    for (const ratio of SEGMIND_RATIOS) {
      const image = imageOf(await provider.generateAsync({ ...REQUEST, ratio: ratio.value }, { apiKey: KEY }));
      expect(sniffImage(image.bytes)).toMatchObject({ kind: 'jpeg', width: ratio.width, height: ratio.height });
    }
  }, 60_000);

  it('passes a WebP and an oversized PNG through (their checks come later)', async () => {
    standIn.setMode('webp');
    const webp = imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(sniffImage(webp.bytes)).toMatchObject({ kind: 'webp', width: 960, height: 960 });
    standIn.setMode('huge');
    const huge = imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(sniffImage(huge.bytes)).toMatchObject({ kind: 'png', ...HUGE_IMAGE_SIZE });
  });
});

describe('refusals', () => {
  const cases: [SegmindStandInMode, GenerationFailure['kind'], RegExp][] = [
    ['unauthorized', 'auth', new RegExp(`${STAND_IN_ERRORS.unauthorized}.*check the key`)],
    ['no-credits', 'credits', /Not enough Segmind credits.*Top up at segmind\.com/],
    ['rate-limited', 'rate-limited', /Try again after 14:03 UTC/],
    ['server-error', 'server', new RegExp(`HTTP 500: "${STAND_IN_ERRORS.serverError}"`)],
    ['unavailable', 'server', new RegExp(`unavailable right now \\(HTTP 503: "${STAND_IN_ERRORS.unavailableTitle}"`)],
    ['not-image', 'not-image', /not an image \(it was text\/html\)/],
    ['not-image-json', 'not-image', new RegExp(`without an image: "${STAND_IN_ERRORS.notImageJson}"`)],
    ['truncated', 'not-image', /arrived incomplete .* of JPEG, its end is missing/],
  ];

  it.each(cases)('%s → %s', async (mode, kind, message) => {
    standIn.setMode(mode);
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toContain(KEY);
    expect(standIn.requests).toHaveLength(1);
  });

  it('rate-limited keeps the reset time, and says "about a minute" without one', async () => {
    standIn.setMode('rate-limited');
    expect(failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY })).resetAt).toBe('2030-01-02T14:03:00Z');
    standIn.setRateLimitResetAt(null);
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.resetAt).toBeUndefined();
    expect(failure.message).toContain('in about a minute');
  });

  it('a ratio Segmind does not offer → its 500 with the provider message', async () => {
    const failure = failureOf(await provider.generateAsync({ ...REQUEST, ratio: '1024:1024' }, { apiKey: KEY }));
    expect(failure.kind).toBe('server');
    expect(failure.message).toContain(STAND_IN_ERRORS.badRatio);
  });

  it('a bad tag → bad-request with the provider message', async () => {
    const request = { ...REQUEST, references: [{ uri: REFERENCE_URI, tag: '1x' }] };
    const failure = failureOf(await provider.generateAsync(request, { apiKey: KEY }));
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toContain('referenceImages[0].tag "1x" must match');
  });

  it('a wrong key against a server that knows its key → auth', async () => {
    const strict = await startSegmindStandIn({ apiKey: 'sk-test-the-right-one' });
    try {
      const strictProvider = createSegmindProvider({ baseUrl: strict.url });
      expect(failureOf(await strictProvider.generateAsync(REQUEST, { apiKey: KEY })).kind).toBe('auth');
      expect(imageOf(await strictProvider.generateAsync(REQUEST, { apiKey: 'sk-test-the-right-one' })).bytes.length).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });

  it('running out of credits → credits', async () => {
    const poor = await startSegmindStandIn({ credits: 1, cost: 1 });
    try {
      const poorProvider = createSegmindProvider({ baseUrl: poor.url });
      expect(imageOf(await poorProvider.generateAsync(REQUEST, { apiKey: KEY })).creditsLeft).toBe(0);
      expect(failureOf(await poorProvider.generateAsync(REQUEST, { apiKey: KEY })).kind).toBe('credits');
    } finally {
      await poor.close();
    }
  });

  it('a provider echoing the key never gets it into the message', async () => {
    const echoing = createSegmindProvider({
      baseUrl: standIn.url,
      fetchImpl: async (_url, init) => {
        const key = new Headers(init.headers).get('x-api-key') ?? '';
        return new Response(JSON.stringify({ error: `Key ${key} is not valid` }), { status: 401 });
      },
    });
    const failure = failureOf(await echoing.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toContain('"Key [key hidden] is not valid"');
    expect(failure.message).not.toContain(KEY);
  });

  it('an empty key is refused before any request', async () => {
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: '  ' }));
    expect(failure.kind).toBe('auth');
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('broken connections', () => {
  it('a connection dropped before any answer → unreachable, naming CORS and the relay', async () => {
    standIn.setMode('drop');
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/could not reach Segmind from the plugin/);
    expect(failure.message).toMatch(/CORS/);
    expect(failure.message).toMatch(/relay/);
    expect(standIn.requests).toHaveLength(1);
  });

  it('a connection dropped in the middle of the image → unreachable while downloading', async () => {
    standIn.setMode('drop-mid-body');
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toContain('the connection dropped while downloading the image');
  });

  it('nobody listening → unreachable', async () => {
    const gone = await startSegmindStandIn();
    const url = gone.url;
    await gone.close();
    const failure = failureOf(await createSegmindProvider({ baseUrl: url }).generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
  });

  it('a fetch that throws synchronously still ends in an outcome', async () => {
    const throwing = createSegmindProvider({
      baseUrl: standIn.url,
      fetchImpl: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const failure = failureOf(await throwing.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toContain('(Failed to fetch)');
  });
});

describe('slow answers, timeouts and cancelling', () => {
  it('a slow answer past timeoutMs → timeout, saying after how long', async () => {
    standIn.setMode('slow');
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY, timeoutMs: 300 }));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('within 300 ms');
    expect(standIn.requests).toHaveLength(1);
  });

  it('a slow answer within timeoutMs → the image', async () => {
    standIn.setLatencyMs(200);
    const image = imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY, timeoutMs: 15_000 }));
    expect(sniffImage(image.bytes)?.kind).toBe('jpeg');
  });

  it('the caller aborting after the server saw the request → cancelled', async () => {
    standIn.setMode('slow');
    const controller = new AbortController();
    const pending = provider.generateAsync(REQUEST, { apiKey: KEY, signal: controller.signal });
    await standIn.waitForRequestsAsync(1);
    controller.abort();
    const failure = failureOf(await pending);
    expect(failure.kind).toBe('cancelled');
    expect(standIn.requests[0]?.method).toBe('POST');
  });

  /** A provider whose fetch says when the answer's headers are in (the body may still be on its way). */
  function watchingHeaders() {
    let arrived = false;
    let resolve: () => void = () => undefined;
    const headersIn = new Promise<void>((done) => (resolve = done));
    const watching = createSegmindProvider({
      baseUrl: standIn.url,
      fetchImpl: async (url, init) => {
        const response = await fetch(url, init);
        arrived = true;
        resolve();
        return response;
      },
    });
    return { provider: watching, headersIn, arrived: () => arrived };
  }

  it('the caller aborting while the image downloads → cancelled, not a dropped connection', async () => {
    standIn.setMode('stall-mid-body');
    const watching = watchingHeaders();
    const controller = new AbortController();
    const pending = watching.provider.generateAsync(REQUEST, { apiKey: KEY, signal: controller.signal });
    await watching.headersIn;
    controller.abort();
    expect(failureOf(await pending).kind).toBe('cancelled');
  });

  it('a download that stalls past timeoutMs → timeout', async () => {
    standIn.setMode('stall-mid-body');
    const watching = watchingHeaders();
    const failure = failureOf(await watching.provider.generateAsync(REQUEST, { apiKey: KEY, timeoutMs: 2_000 }));
    expect(watching.arrived()).toBe(true);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('within 2 seconds');
  });

  it('an already aborted signal → cancelled without a request', async () => {
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY, signal: AbortSignal.abort() }));
    expect(failure.kind).toBe('cancelled');
    expect(standIn.requests).toHaveLength(0);
  });

  it.each([0, -5, Number.NaN])('an unusable timeoutMs (%s) falls back to the default', async (timeoutMs) => {
    standIn.setLatencyMs(100);
    expect(imageOf(await provider.generateAsync(REQUEST, { apiKey: KEY, timeoutMs })).bytes.length).toBeGreaterThan(0);
  });
});
