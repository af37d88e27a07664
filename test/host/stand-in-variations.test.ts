// With varyRepeats (the playground's and the variation tests' setting) the Segmind stand-in draws each repeat of one
// request differently, as variations of a run send the same body; the first answer to a body stays exactly
// renderStandInImage(body), so tests that compare bytes keep doing so. Off (the default), repeats are identical.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { renderRunwayStandInImage } from '../support/runway-stand-in';
import {
  gradientColours,
  renderStandInImage,
  solidPng,
  standInSeed,
  startSegmindStandIn,
  type SegmindStandIn,
} from '../support/segmind-stand-in';

const REFERENCE = `data:image/png;base64,${Buffer.from(solidPng(40, 30, [200, 40, 40])).toString('base64')}`;
const BODY = { promptText: 'A @chair in a sunny room', referenceImages: [{ uri: REFERENCE, tag: 'chair' }], ratio: '960:960' };

let standIn: SegmindStandIn;

beforeAll(async () => {
  standIn = await startSegmindStandIn({ varyRepeats: true });
});
afterAll(async () => {
  await standIn?.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
  standIn.setVaryRepeats(true);
});

async function generateAsync(body: unknown): Promise<{ bytes: Buffer; seed: string | null }> {
  const response = await fetch(`${standIn.url}/v1/runway-gen4-image`, {
    method: 'POST',
    headers: { 'x-api-key': 'sk-test', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), seed: response.headers.get('x-seed-value') };
}

/** The top-left pixel: the top of the background gradient. */
function topLeft(bytes: Buffer): number[] {
  return [...jpeg.decode(bytes, { useTArray: true }).data.subarray(0, 3)];
}

describe('variations of one request', () => {
  it('three requests with the same body, all at once → three different pictures, each renderStandInImage(body, n)', async () => {
    const answers = await Promise.all([0, 1, 2].map(() => generateAsync(BODY)));
    const distinct = new Set(answers.map(({ bytes }) => bytes.toString('base64')));
    expect(distinct.size).toBe(3);
    const expected = [0, 1, 2].map((n) => Buffer.from(renderStandInImage(BODY, n)).toString('base64'));
    expect([...distinct].sort()).toEqual([...expected].sort());
    // Visibly different: the background's colour changes, not just a few bits.
    const tops = [0, 1, 2].map((n) => topLeft(Buffer.from(renderStandInImage(BODY, n))));
    for (const [a, b] of [
      [tops[0]!, tops[1]!],
      [tops[1]!, tops[2]!],
      [tops[0]!, tops[2]!],
    ]) {
      expect(Math.max(...a.map((channel, i) => Math.abs(channel - b[i]!))), JSON.stringify([a, b])).toBeGreaterThan(24);
    }
    // The seed the stand-in reports is the prompt's, as before (Segmind offers no seed control).
    expect(new Set(answers.map(({ seed }) => seed))).toEqual(new Set([standInSeed(BODY.promptText)]));
  });

  it('the first answer to a body keeps the prompt’s own colours and bytes; clearing `requests` starts over', async () => {
    const first = await generateAsync(BODY);
    expect(first.bytes.equals(Buffer.from(renderStandInImage(BODY)))).toBe(true);
    const top = topLeft(first.bytes);
    gradientColours(BODY.promptText).top.forEach((channel, i) => expect(Math.abs(top[i]! - channel)).toBeLessThanOrEqual(4));
    const second = await generateAsync(BODY);
    expect(second.bytes.equals(Buffer.from(renderStandInImage(BODY, 1)))).toBe(true);

    standIn.requests.length = 0;
    expect((await generateAsync(BODY)).bytes.equals(first.bytes)).toBe(true);
  });

  it('another body in between doesn’t count, and a tag change alone is the same picture', async () => {
    await generateAsync(BODY);
    const other = { ...BODY, promptText: 'A @chair in a dark room' };
    expect((await generateAsync(other)).bytes.equals(Buffer.from(renderStandInImage(other)))).toBe(true);
    const retagged = { ...BODY, referenceImages: [{ uri: REFERENCE, tag: 'seat' }] };
    expect((await generateAsync(retagged)).bytes.equals(Buffer.from(renderStandInImage(BODY, 1)))).toBe(true);
  });

  it('off → every repeat is the same picture', async () => {
    standIn.setVaryRepeats(false);
    const answers = await Promise.all([0, 1].map(() => generateAsync(BODY)));
    for (const { bytes } of answers) expect(bytes.equals(Buffer.from(renderStandInImage(BODY)))).toBe(true);
  });
});

describe('the Runway stand-in’s picture follows the seed', () => {
  const runway = { model: 'gen4_image', promptText: BODY.promptText, ratio: '1280:720', referenceImages: BODY.referenceImages };
  const base64 = (seed: number | null): string => Buffer.from(renderRunwayStandInImage({ ...runway, seed })).toString('base64');

  it('seed, seed + 1, seed + 2 (a run’s variations) → three pictures; the same seed → the same picture', () => {
    expect(new Set([base64(41), base64(42), base64(43)]).size).toBe(3);
    expect(base64(42)).toBe(base64(42));
  });

  it('no seed → the prompt’s own colours, as before', () => {
    expect(base64(null)).not.toBe(base64(0));
    const top = topLeft(Buffer.from(renderRunwayStandInImage({ ...runway, seed: null })));
    gradientColours(BODY.promptText).top.forEach((channel, i) => expect(Math.abs(top[i]! - channel)).toBeLessThanOrEqual(4));
  });
});
