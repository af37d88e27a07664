// The stand-in itself, over raw HTTP: other tests trust it to behave like Segmind, so its behaviour is pinned here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { sniffImage } from '../../../core/image-bytes';
import {
  HUGE_IMAGE_SIZE,
  STAND_IN_ERRORS,
  STAND_IN_MODES,
  STAND_IN_PATH,
  STAND_IN_PLACEHOLDER_RGB,
  STAND_IN_RATIOS,
  gradientColours,
  renderStandInImage,
  solidJpeg,
  solidPng,
  standInSlotCentres,
  standInSlots,
  startSegmindStandIn,
  webpBytes,
  type SegmindStandIn,
} from '../../support/segmind-stand-in';
import { SEGMIND_RATIOS } from '../../../core/ratios';

const KEY = 'sk-test-stand-in';
const CHAIR_RGB = [200, 60, 30] as const;
const LAMP_RGB = [40, 90, 210] as const;
const REFERENCE = `data:image/jpeg;base64,${Buffer.from(solidJpeg(8, 8, CHAIR_RGB)).toString('base64')}`;
const LAMP_PNG = `data:image/png;base64,${Buffer.from(solidPng(60, 20, LAMP_RGB)).toString('base64')}`;
const BODY = { promptText: 'A chair like @chair', referenceImages: [{ uri: REFERENCE, tag: 'chair' }], ratio: '1280:720' };

let standIn: SegmindStandIn;

beforeAll(async () => {
  standIn = await startSegmindStandIn({ credits: 100, cost: 0.5 });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.setMode('ok');
  standIn.setCors(true);
  standIn.setExposeHeaders(true);
  standIn.setRateLimitResetAt(undefined);
  standIn.requests.length = 0;
});

function post(body: unknown = BODY, headers: Record<string, string> = { 'x-api-key': KEY, 'content-type': 'application/json' }) {
  return fetch(`${standIn.url}${STAND_IN_PATH}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/** The RGB of pixel (x, y) of a decoded JPEG. */
function rgbAt(image: { width: number; data: Uint8Array }, { x, y }: { x: number; y: number }): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(i, i + 3));
}

/** Each channel within `tolerance` (JPEG shifts colours a little). */
function expectNear(actual: readonly number[], expected: readonly number[], tolerance = 8): void {
  expect(
    actual.map((v, i) => Math.abs(v - (expected[i] ?? Number.NaN)) <= tolerance),
    `${actual} ≈ ${expected}`,
  ).toEqual([true, true, true]);
}

describe('answers like Segmind', () => {
  it('listens on 127.0.0.1 and knows every ratio Segmind documents, the same as the plugin', () => {
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([...STAND_IN_RATIOS].sort()).toEqual(SEGMIND_RATIOS.map((r) => r.value).sort());
  });

  it('a good request → a real JPEG of the ratio size and the x-* headers', async () => {
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const image = jpeg.decode(await bytesOf(response), { useTArray: true });
    expect([image.width, image.height]).toEqual([1280, 720]);
    expect(response.headers.get('x-remaining-credits')).toBe('99.5');
    expect(response.headers.get('x-cost')).toBe('0.5');
    expect(Number(response.headers.get('x-generation-time'))).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('x-seed-value')).toMatch(/^\d+$/);
    expect(response.headers.get('x-request-id')).toMatch(/^stand-in-\d+$/);
    expect(standIn.credits).toBe(99.5);
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: STAND_IN_PATH, body: BODY });
    expect(standIn.requests[0]?.headers['x-api-key']).toBe(KEY);
    // Its own working time, which the benchmark subtracts from the client's: answered after it was received.
    const { receivedAt, answeredAt } = standIn.requests[0] ?? { receivedAt: NaN, answeredAt: null };
    expect(answeredAt).not.toBeNull();
    expect(answeredAt ?? 0).toBeGreaterThanOrEqual(receivedAt);
  });

  it('the same prompt gives the same image; another prompt another one', async () => {
    const a = await bytesOf(await post());
    const b = await bytesOf(await post());
    const c = await bytesOf(await post({ ...BODY, promptText: 'Something else with @chair' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('a Bearer token alone → 401 Invalid API key', async () => {
    const response = await post(BODY, { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: STAND_IN_ERRORS.unauthorized });
  });

  it('a wrong Content-Type → 406', async () => {
    const response = await post(JSON.stringify(BODY), { 'x-api-key': KEY, 'content-type': 'text/plain' });
    expect(response.status).toBe(406);
    expect(await response.json()).toEqual({ error: STAND_IN_ERRORS.contentType });
  });

  it.each([
    ['not JSON', '{nope', 400, /not valid JSON/],
    ['no prompt', { ...BODY, promptText: '' }, 400, /promptText is required/],
    ['no references', { ...BODY, referenceImages: [] }, 400, /referenceImages is required/],
    ['four references', { ...BODY, referenceImages: Array(4).fill(BODY.referenceImages[0]) }, 400, /at most 3/],
    ['a bad tag', { ...BODY, referenceImages: [{ uri: REFERENCE, tag: 'a' }] }, 400, /tag "a" must match/],
    [
      'a data URI that is not an image',
      { ...BODY, referenceImages: [{ uri: 'data:image/png;base64,aGVsbG8=', tag: 'chair' }] },
      400,
      /PNG, JPEG or WebP/,
    ],
    ['a ratio Segmind does not offer', { ...BODY, ratio: '1024:1024' }, 500, /Invalid value for ratio/],
  ])('%s → %i', async (_name, body, status, error) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
  });

  it('takes an https reference and the default ratio', async () => {
    const { ratio: _ratio, ...withoutRatio } = BODY;
    const response = await post({ ...withoutRatio, referenceImages: [{ uri: 'https://example.test/a.png', tag: 'chair' }] });
    expect(response.status).toBe(200);
    expect(sniffImage(await bytesOf(response))).toMatchObject({ width: 1280, height: 720 });
  });

  it('a GET → a 405 HTML page; another path → 404', async () => {
    const get = await fetch(`${standIn.url}${STAND_IN_PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('content-type')).toContain('text/html');
    expect(await get.text()).toContain('<title>405 Not Allowed</title>');
    expect((await fetch(`${standIn.url}/v1/other-model`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the picture: drawn from the prompt and the references', () => {
  const TWO = {
    ...BODY,
    promptText: 'A @chair beside a @lamp',
    referenceImages: [
      { uri: REFERENCE, tag: 'chair' },
      { uri: LAMP_PNG, tag: 'lamp' },
    ],
  };
  const decodeAnswer = async (body: unknown) => jpeg.decode(await bytesOf(await post(body)), { useTArray: true });

  it('answers with exactly the bytes renderStandInImage draws for the body, every time', async () => {
    const bytes = await bytesOf(await post(TWO));
    expect(Buffer.from(bytes).equals(Buffer.from(renderStandInImage(TWO)))).toBe(true);
    expect(Buffer.from(renderStandInImage(TWO)).equals(Buffer.from(renderStandInImage(TWO))), 'deterministic').toBe(true);
  });

  it('shows each reference in its slot, side by side, on a gradient from the prompt', async () => {
    const image = await decodeAnswer(TWO);
    const [chair, lamp] = standInSlotCentres('1280:720', 2);
    expect(chair!.y).toBe(lamp!.y);
    expect(chair!.x).toBeLessThan(lamp!.x);
    expectNear(rgbAt(image, chair!), CHAIR_RGB);
    expectNear(rgbAt(image, lamp!), LAMP_RGB);
    expectNear(rgbAt(image, { x: 2, y: 2 }), gradientColours(TWO.promptText).top);
  });

  it('stacks the references for a portrait ratio', async () => {
    const image = await decodeAnswer({ ...TWO, ratio: '720:1280' });
    expect([image.width, image.height]).toEqual([720, 1280]);
    const [chair, lamp] = standInSlotCentres('720:1280', 2);
    expect(chair!.x).toBe(lamp!.x);
    expect(chair!.y).toBeLessThan(lamp!.y);
    expectNear(rgbAt(image, chair!), CHAIR_RGB);
    expectNear(rgbAt(image, lamp!), LAMP_RGB);
  });

  it('keeps a reference’s aspect ratio: the 3:1 lamp leaves the top of its slot to the background', async () => {
    const image = await decodeAnswer(TWO);
    const slot = standInSlots(1280, 720, 2)[1]!;
    const above = rgbAt(image, { x: slot.x + Math.round(slot.width / 2), y: slot.y + 20 });
    const { top, bottom } = gradientColours(TWO.promptText);
    const t = (slot.y + 20) / 719;
    expectNear(
      above,
      [0, 1, 2].map((c) => top[c]! + (bottom[c]! - top[c]!) * t),
    );
  });

  it('shows the white mat through the transparent part of a PNG', async () => {
    const png = new PNG({ width: 40, height: 40 });
    // Top half opaque green, bottom half fully transparent.
    for (let i = 0; i < png.data.length; i += 4) png.data.set([0, 255, 0, i < png.data.length / 2 ? 255 : 0], i);
    const uri = `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
    const image = await decodeAnswer({ ...BODY, referenceImages: [{ uri, tag: 'chair' }] });
    const slot = standInSlots(1280, 720, 1)[0]!;
    const x = slot.x + Math.round(slot.width / 2);
    expectNear(rgbAt(image, { x, y: slot.y + Math.round(slot.height / 4) }), [0, 255, 0], 12);
    expectNear(rgbAt(image, { x, y: slot.y + Math.round((slot.height * 3) / 4) }), [255, 255, 255]);
  });

  it('an https or WebP reference → a grey placeholder in its slot (the stand-in fetches and decodes neither)', async () => {
    const webp = `data:image/webp;base64,${Buffer.from(webpBytes(4, 4)).toString('base64')}`;
    const image = await decodeAnswer({
      ...BODY,
      referenceImages: [
        { uri: 'https://example.test/chair.png', tag: 'chair' },
        { uri: webp, tag: 'lamp' },
        { uri: REFERENCE, tag: 'sofa' },
      ],
    });
    const [first, second, third] = standInSlotCentres('1280:720', 3);
    expectNear(rgbAt(image, first!), STAND_IN_PLACEHOLDER_RGB);
    expectNear(rgbAt(image, second!), STAND_IN_PLACEHOLDER_RGB);
    expectNear(rgbAt(image, third!), CHAIR_RGB);
  });

  it('another prompt, reference order or ratio → another picture', () => {
    const base = renderStandInImage(TWO);
    const others = [
      renderStandInImage({ ...TWO, promptText: `${TWO.promptText}!` }),
      renderStandInImage({ ...TWO, referenceImages: [...TWO.referenceImages].reverse() }),
      renderStandInImage({ ...TWO, ratio: '1920:1080' }),
    ];
    for (const other of others) expect(Buffer.from(other).equals(Buffer.from(base))).toBe(false);
    expect(sniffImage(others[2]!)).toMatchObject({ kind: 'jpeg', width: 1920, height: 1080 });
  });

  it('a PNG or JPEG data URI whose bytes do not decode → 400 naming the reference', async () => {
    const brokenJpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]).toString('base64')}`;
    const brokenPng = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9, 9, 9]).toString('base64')}`;
    const creditsBefore = standIn.credits;
    for (const uri of [brokenJpeg, brokenPng]) {
      const response = await post({
        ...BODY,
        referenceImages: [
          { uri: REFERENCE, tag: 'chair' },
          { uri, tag: 'lamp' },
        ],
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /^referenceImages\[1\]\.uri: the image data does not decode \(.+\)$/,
      );
    }
    expect(standIn.credits, 'a refused request costs nothing').toBe(creditsBefore);
  });

  it('renderStandInImage refuses a body the stand-in would refuse, with its message', () => {
    expect(() => renderStandInImage({ ...BODY, ratio: '1024:1024' })).toThrow(
      'The stand-in would answer 500: Invalid value for ratio: "1024:1024"',
    );
    expect(() => renderStandInImage(null)).toThrow(/answer 400: Request body must be a JSON object/);
    expect(() => standInSlotCentres('1:1', 1)).toThrow(/only Segmind's ratios/);
    expect(() => standInSlots(1280, 720, 4)).toThrow(/1 to 3 references, not 4/);
  });
});

describe('CORS', () => {
  const preflight = () =>
    fetch(`${standIn.url}${STAND_IN_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });

  it('on: the preflight allows any origin, x-api-key and POST; answers expose the x-* headers', async () => {
    const response = await preflight();
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('x-api-key, content-type');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const answer = await post();
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['x-remaining-credits', 'x-seed-value', 'x-rate-limit-reset-at-utc']),
    );
    expect(standIn.requests[0]?.headers.origin).toBe('null');
  });

  it('without Expose-Headers: still Allow-Origin, no Expose-Headers', async () => {
    standIn.setExposeHeaders(false);
    const answer = await post();
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('off: no CORS header anywhere, and the preflight is refused', async () => {
    standIn.setCors(false);
    const responses = [await preflight(), await post()];
    expect(responses[0]?.status).toBe(405);
    for (const response of responses) {
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('fault modes', () => {
  it('lists every mode', () => {
    expect(STAND_IN_MODES).toHaveLength(new Set(STAND_IN_MODES).size);
    expect(STAND_IN_MODES).toContain('drop-mid-body');
  });

  it.each([
    ['unauthorized', 401],
    ['no-credits', 406],
    ['rate-limited', 429],
    ['server-error', 500],
    ['unavailable', 503],
    ['not-image', 200],
    ['not-image-json', 200],
  ] as const)('%s → HTTP %i', async (mode, status) => {
    standIn.setMode(mode);
    const response = await post();
    expect(response.status).toBe(status);
    expect(sniffImage(await bytesOf(response))).toBeNull();
  });

  it('rate-limited sends x-rate-limit-reset-at-utc a minute on by default, or none', async () => {
    standIn.setMode('rate-limited');
    const reset = (await post()).headers.get('x-rate-limit-reset-at-utc');
    expect(Number.isNaN(Date.parse(reset ?? ''))).toBe(false);
    standIn.setRateLimitResetAt(null);
    expect((await post()).headers.get('x-rate-limit-reset-at-utc')).toBeNull();
  });

  it('webp → a WebP of the ratio size; huge → a real 5000×100 PNG', async () => {
    standIn.setMode('webp');
    const webp = await post();
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect(sniffImage(await bytesOf(webp))).toMatchObject({ kind: 'webp', width: 1280, height: 720 });
    standIn.setMode('huge');
    const png = PNG.sync.read(Buffer.from(await bytesOf(await post())));
    expect([png.width, png.height]).toEqual([HUGE_IMAGE_SIZE.width, HUGE_IMAGE_SIZE.height]);
  });

  it('truncated → the first half of a JPEG, which no decoder takes', async () => {
    const whole = await bytesOf(await post());
    standIn.setMode('truncated');
    const half = await bytesOf(await post());
    expect(half.length).toBe(Math.floor(whole.length / 2));
    expect(Buffer.from(whole.subarray(0, half.length)).equals(Buffer.from(half))).toBe(true);
    expect(() => jpeg.decode(half, { useTArray: true })).toThrow();
  });

  it('drop → the request fails without an answer; drop-mid-body → the body fails', async () => {
    standIn.setMode('drop');
    await expect(post()).rejects.toThrow();
    standIn.setMode('drop-mid-body');
    const response = await post();
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('webpBytes writes the size into the VP8L header', () => {
    expect(sniffImage(webpBytes(1, 1))).toMatchObject({ kind: 'webp', width: 1, height: 1 });
    expect(sniffImage(webpBytes(16_384, 3))).toMatchObject({ kind: 'webp', width: 16_384, height: 3 });
    expect(() => webpBytes(0, 5)).toThrow(/out of range/);
  });
});

describe('life cycle', () => {
  it('waitForRequestsAsync resolves on arrival and rejects when nothing comes', async () => {
    const waiting = standIn.waitForRequestsAsync(1);
    await post();
    await expect(waiting).resolves.toBeUndefined();
    await expect(standIn.waitForRequestsAsync(5, 50)).rejects.toThrow(/saw 1 of 5 expected requests/);
  });

  it('close() ends a request that is still waiting and frees the port', async () => {
    const slow = await startSegmindStandIn({ mode: 'slow', slowMs: 600_000 });
    const pending = fetch(`${slow.url}${STAND_IN_PATH}`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify(BODY),
    });
    await slow.waitForRequestsAsync(1);
    await slow.close();
    await expect(pending).rejects.toThrow();
    await expect(fetch(slow.url)).rejects.toThrow();
  });
});
