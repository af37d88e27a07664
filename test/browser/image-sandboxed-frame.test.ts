// The UI's image pipeline inside a sandboxed srcdoc iframe (origin null, its own renderer, as Figma's plugin UI),
// where Chromium's idle-time encoders (toBlob, convertToBlob) can stall for a second: reference preparation, file
// references and the PNG transcode call none of them, and give the same images as in a top-level page, byte for
// byte, which decode in Node (pngjs/jpeg-js) at the size they claim. Base64 uses Chromium's own methods there,
// and the fallback agrees with them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REFERENCE_EDGE_PX } from '../../core/reference-size';
import type { PreparedReference, ReferenceSourceMime } from '../../ui/image/prepare-reference';
import { launchBrowserAsync, type Browser } from '../support/browser';
import { bundleForBrowserAsync } from '../support/browser-bundle';
import type { FrameAnswer, FrameJob } from './fixtures/image-frame-entry';
import {
  dataUriBytes,
  decode,
  encodeJpeg,
  encodePng,
  halves,
  near,
  paintPixels,
  photoLike,
  pixelAt,
  type Rgba,
} from './fixtures/image-samples';

const ENTRY = new URL('./fixtures/image-frame-entry.ts', import.meta.url);
const RED: Rgba = [220, 30, 40, 255];
const BLUE: Rgba = [30, 60, 210, 255];
const HEAVY_TEST_MS = 60_000;

let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  const [script, launched] = await Promise.all([bundleForBrowserAsync(ENTRY), launchBrowserAsync()]);
  browser = launched;
  page = await browser.context.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate((bundle) => window.frameLab.openFrameAsync(bundle), script);
});
afterAll(async () => {
  await browser?.close();
});

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function inFrameAsync(job: FrameJob): Promise<FrameAnswer> {
  return page.evaluate((j) => window.frameLab.runInFrameAsync(j), job);
}

function inPageAsync(job: FrameJob): Promise<FrameAnswer> {
  return page.evaluate((j) => window.frameLab.runInPageAsync(j), job);
}

/** Runs `job` in the sandboxed iframe and in the top-level page; checks the iframe has the null origin and called no idle-time encoder. */
async function inBothAsync(job: FrameJob): Promise<{ frame: FrameAnswer; top: FrameAnswer }> {
  const frame = await inFrameAsync(job);
  const top = await inPageAsync(job);
  expect(frame.origin).toBe('null');
  expect(frame.idleEncoders).toEqual([]);
  return { frame, top };
}

/** Prepares in both; the iframe's reference must equal the page's, and decode at its stated size and type. */
async function prepareInBothAsync(bytes: Uint8Array, mime: ReferenceSourceMime, capEdge = false): Promise<PreparedReference> {
  const { frame, top } = await inBothAsync({ kind: 'prepare', base64: base64(bytes), mime, capEdge });
  if (!('ok' in frame.result) || !frame.result.ok || !('reference' in frame.result)) {
    throw new Error(`expected a reference from the iframe, got: ${JSON.stringify(frame.result).slice(0, 200)}`);
  }
  const reference = frame.result.reference;
  expect(frame.result).toEqual(top.result);
  expect(reference.chars).toBe(reference.uri.length);
  const pixels = decode(dataUriBytes(reference.uri, reference.mime));
  expect(pixels.kind).toBe(reference.mime === 'image/png' ? 'png' : 'jpeg');
  expect([pixels.width, pixels.height]).toEqual([reference.width, reference.height]);
  return reference;
}

describe('the harness', () => {
  it('notices an idle-time encode in the iframe, so "none" means none', async () => {
    const answer = await inFrameAsync({ kind: 'to-blob' });
    expect(answer.origin).toBe('null');
    expect(answer.idleEncoders).toEqual(['HTMLCanvasElement.toBlob']);
    expect(answer.result).toEqual({ blob: expect.any(Number) });
  });
});

describe('layer references', () => {
  it(
    'turns an opaque PNG export into the same JPEG as a top-level page gives',
    async () => {
      const reference = await prepareInBothAsync(encodePng(photoLike(1200, 900, 11)), 'image/png');
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 900 });
    },
    HEAVY_TEST_MS,
  );

  it('letterboxes a wide PNG with transparency into a PNG of the allowed shape', async () => {
    const seeThrough: Rgba = [30, 60, 210, 100];
    const reference = await prepareInBothAsync(encodePng(halves(800, 200, RED, seeThrough)), 'image/png');
    expect(reference).toMatchObject({ mime: 'image/png', width: 800, height: 400 });
    const pixels = decode(dataUriBytes(reference.uri, 'image/png'));
    expect(pixelAt(pixels, 400, 10)[3]).toBe(0);
    expect(near(pixelAt(pixels, 100, 200), RED)).toBe(true);
    expect(near(pixelAt(pixels, 700, 200), seeThrough)).toBe(true);
  });

  it('sends a JPEG export within range as it is, through the new base64', async () => {
    const bytes = encodeJpeg(photoLike(400, 300, 5));
    const reference = await prepareInBothAsync(bytes, 'image/jpeg');
    expect(Buffer.from(dataUriBytes(reference.uri, 'image/jpeg')).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('file references', () => {
  it(
    `caps a large PNG file's long edge at ${MAX_REFERENCE_EDGE_PX} px`,
    async () => {
      const file = encodePng(paintPixels(3000, 1500, (x) => (x < 1500 ? RED : BLUE)));
      const reference = await prepareInBothAsync(file, 'image/png', true);
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: MAX_REFERENCE_EDGE_PX, height: MAX_REFERENCE_EDGE_PX / 2 });
    },
    HEAVY_TEST_MS,
  );

  it('re-encodes a WebP file as a JPEG', async () => {
    const made = await inFrameAsync({ kind: 'webp', width: 320, height: 200 });
    if (!('webp' in made.result)) throw new Error(`no WebP: ${JSON.stringify(made.result)}`);
    const reference = await prepareInBothAsync(new Uint8Array(Buffer.from(made.result.webp, 'base64')), 'image/webp', true);
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 320, height: 200 });
    const pixels = decode(dataUriBytes(reference.uri, 'image/jpeg'));
    expect(near(pixelAt(pixels, 60, 100), RED, 10)).toBe(true);
    expect(near(pixelAt(pixels, 260, 100), BLUE, 10)).toBe(true);
  });
});

describe('answers Figma cannot place as they are', () => {
  it('transcodes a WebP answer to the same PNG as a top-level page gives', async () => {
    const made = await inFrameAsync({ kind: 'webp', width: 300, height: 200 });
    if (!('webp' in made.result)) throw new Error(`no WebP: ${JSON.stringify(made.result)}`);
    const { frame, top } = await inBothAsync({ kind: 'figma-image', base64: made.result.webp });
    expect(frame.result).toEqual(top.result);
    expect(frame.result).toMatchObject({ ok: true, width: 300, height: 200, transcoded: true });
    if (!('base64' in frame.result)) throw new Error('no PNG came back');
    const pixels = decode(new Uint8Array(Buffer.from(frame.result.base64, 'base64')));
    expect(pixels).toMatchObject({ kind: 'png', width: 300, height: 200 });
    expect(near(pixelAt(pixels, 50, 100), RED, 10)).toBe(true);
    expect(near(pixelAt(pixels, 250, 100), BLUE, 10)).toBe(true);
  });
});

describe('base64', () => {
  it("uses Chromium's own toBase64/fromBase64, and the fallback gives the same text", async () => {
    const bytes = encodeJpeg(photoLike(300, 200, 9));
    const { frame } = await inBothAsync({ kind: 'base64', base64: base64(bytes) });
    expect(frame.result).toEqual({ hasNative: true, native: base64(bytes), fallback: base64(bytes), decodedBack: true });
  });
});
