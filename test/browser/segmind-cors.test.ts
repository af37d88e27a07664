// The real provider in real Chromium, from a sandboxed iframe whose origin is null (like Figma's plugin UI),
// against the Segmind stand-in: what CORS lets through, what it blocks, and what the designer is told.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowserAsync, type Browser } from '../support/browser';
import {
  gradientColours,
  renderStandInImage,
  solidJpeg,
  standInSeed,
  standInSlotCentres,
  startSegmindStandIn,
  webpBytes,
  type SegmindStandIn,
} from '../support/segmind-stand-in';
import type { FrameJob, FrameResult } from './fixtures/segmind-frame';

const KEY = 'sk-test-browser-1234';
const here = path.dirname(fileURLToPath(import.meta.url));

const SOFA_RGB = [60, 150, 90] as const;
const REQUEST = {
  model: 'runway-gen4-image',
  prompt: 'Place @sofa in a sunny loft',
  ratio: '1104:832',
  references: [{ uri: `data:image/jpeg;base64,${Buffer.from(solidJpeg(8, 8, SOFA_RGB)).toString('base64')}`, tag: 'sofa' }],
};

/** The parent page: collects the frame's answers in window.results and hands jobs to it. */
const PARENT_HTML = `<!doctype html><meta charset="utf-8"><title>segmind cors</title>
<script>
  window.results = {};
  window.frameReady = false;
  addEventListener('message', (event) => {
    if (event.data && event.data.ready) window.frameReady = true;
    else window.results[event.data.id] = event.data;
  });
  window.runJob = (job) => document.querySelector('iframe').contentWindow.postMessage(job, '*');
</script>
<iframe sandbox="allow-scripts" src="/frame.html"></iframe>`;

let browser: Browser;
let page: Page;
let pages: Server;
let standIn: SegmindStandIn;
let nextId = 1;

async function bundleFrameAsync(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'fixtures/segmind-frame.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text ?? '';
  return `<!doctype html><meta charset="utf-8"><script>${js.replace(/<\/script/gi, '<\\/script')}</script>`;
}

async function servePagesAsync(frameHtml: string): Promise<Server> {
  const server = createServer((req, res) => {
    const body = req.url === '/frame.html' ? frameHtml : req.url === '/' ? PARENT_HTML : null;
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Runs one generation inside the null-origin frame and returns what it saw. */
async function generateInFrameAsync(overrides: Partial<Omit<FrameJob, 'id'>> = {}): Promise<FrameResult> {
  const job: FrameJob = { id: nextId++, baseUrl: standIn.url, apiKey: KEY, request: REQUEST, ...overrides };
  await page.evaluate((j) => (window as unknown as { runJob(job: FrameJob): void }).runJob(j), job);
  await page.waitForFunction((id) => (window as unknown as { results: Record<number, unknown> }).results[id] !== undefined, job.id, {
    timeout: 30_000,
  });
  return page.evaluate((id) => (window as unknown as { results: Record<number, FrameResult> }).results[id]!, job.id);
}

beforeAll(async () => {
  const [frameHtml, launched, started] = await Promise.all([
    bundleFrameAsync(),
    launchBrowserAsync(),
    startSegmindStandIn({ credits: 50 }),
  ]);
  browser = launched;
  standIn = started;
  pages = await servePagesAsync(frameHtml);
  page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${(pages.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => (window as unknown as { frameReady: boolean }).frameReady === true);
});

afterAll(async () => {
  await browser?.close();
  await standIn?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
});

beforeEach(async () => {
  standIn.setMode('ok');
  standIn.setCors(true);
  standIn.setExposeHeaders(true);
  standIn.requests.length = 0;
  await browser.context.setOffline(false);
});

describe('with CORS on', () => {
  it('gets the image and reads the credits, after an Origin: null preflight', async () => {
    const result = await generateInFrameAsync();
    expect(result.origin).toBe('null');
    expect(result).toMatchObject({ ok: true, creditsLeft: standIn.credits, seed: standInSeed(REQUEST.prompt) });
    expect(result.decoded).toEqual({ width: 1104, height: 832 });
    expect(result.bytes?.slice(0, 3)).toEqual([0xff, 0xd8, 0xff]);

    const [preflight, post] = standIn.requests;
    expect(preflight?.method).toBe('OPTIONS');
    expect(preflight?.headers.origin).toBe('null');
    expect(preflight?.headers['access-control-request-method']).toBe('POST');
    expect(
      preflight?.headers['access-control-request-headers']
        ?.split(',')
        .map((h) => h.trim())
        .sort(),
    ).toEqual(['content-type', 'x-api-key']);
    expect(post?.method).toBe('POST');
    expect(post?.headers.origin).toBe('null');
    expect(post?.headers['x-api-key']).toBe(KEY);
    expect(post?.body).toMatchObject({ promptText: REQUEST.prompt, ratio: '1104:832' });
  });

  it('counts the credits down across calls', async () => {
    const first = await generateInFrameAsync();
    const second = await generateInFrameAsync();
    expect(second.creditsLeft).toBe((first.creditsLeft ?? Number.NaN) - 0.5);
  });

  it('returns the bytes the stand-in drew, which a browser decodes to the reference on the prompt’s background', async () => {
    const result = await generateInFrameAsync({ request: { ...REQUEST, ratio: '960:960' } });
    expect(result.decoded).toEqual({ width: 960, height: 960 });
    const post = standIn.requests.find((request) => request.method === 'POST');
    expect(Buffer.from(result.bytes ?? []).equals(Buffer.from(renderStandInImage(post?.body)))).toBe(true);
    const [slot] = standInSlotCentres('960:960', 1);
    const points = [slot!, { x: 2, y: 2 }];
    const colours = await page.evaluate(
      async ([bytes, at]) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return at.map(({ x, y }) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)));
      },
      [result.bytes ?? [], points] as const,
    );
    const expected = [SOFA_RGB, gradientColours(REQUEST.prompt).top];
    colours.forEach((colour, p) => expected[p]!.forEach((channel, i) => expect(Math.abs((colour[i] ?? 0) - channel)).toBeLessThan(8)));
  });

  it("reads the provider's error bodies (CORS headers on errors too)", async () => {
    standIn.setMode('server-error');
    const result = await generateInFrameAsync();
    expect(result).toMatchObject({ ok: false, kind: 'server' });
    expect(result.message).toContain('HTTP 500');
  });

  it('reads the rate-limit reset time through Expose-Headers', async () => {
    standIn.setMode('rate-limited');
    standIn.setRateLimitResetAt('2030-01-02T09:41:00Z');
    const result = await generateInFrameAsync();
    expect(result.kind).toBe('rate-limited');
    expect(result.message).toContain('Try again after 09:41 UTC.');
  });

  it('serves a WebP that Chromium decodes at the ratio size', async () => {
    standIn.setMode('webp');
    const result = await generateInFrameAsync();
    expect(result.ok).toBe(true);
    expect(result.bytes).toEqual(Array.from(webpBytes(1104, 832)));
    expect(result.decoded).toEqual({ width: 1104, height: 832 });
  });

  it('a connection dropped mid-image → unreachable while downloading', async () => {
    standIn.setMode('drop-mid-body');
    const result = await generateInFrameAsync();
    expect(result.kind).toBe('unreachable');
    expect(result.message).toContain('the connection dropped while downloading the image');
  });
});

describe('with Access-Control-Expose-Headers missing', () => {
  it('still gets the image, with credits and seed unknown', async () => {
    standIn.setExposeHeaders(false);
    const result = await generateInFrameAsync();
    expect(result.ok).toBe(true);
    expect(result.creditsLeft).toBeNull();
    expect(result.seed).toBeNull();
    expect(result.decoded).toEqual({ width: 1104, height: 832 });
    // The server did send the credits; only the browser hid them.
    expect(standIn.requests.map((r) => r.method)).toEqual(['OPTIONS', 'POST']);
  });
});

describe('with CORS off', () => {
  it('is unreachable, says CORS and the relay, and the POST never leaves the browser', async () => {
    standIn.setCors(false);
    const result = await generateInFrameAsync();
    expect(result.ok).toBe(false);
    expect(result.kind).toBe('unreachable');
    expect(result.message).toContain('could not reach Segmind from the plugin');
    expect(result.message).toContain('CORS');
    expect(result.message).toContain('relay');
    expect(result.message).not.toContain(KEY);
    expect(standIn.requests.map((r) => r.method)).toEqual(['OPTIONS']);
  });
});

describe('offline', () => {
  it('says offline, not CORS', async () => {
    await browser.context.setOffline(true);
    const result = await generateInFrameAsync();
    expect(result.online).toBe(false);
    expect(result.kind).toBe('unreachable');
    expect(result.message).toContain("you're offline");
    expect(result.message).not.toContain('CORS');
    // Chromium's offline emulation may still let the preflight out; the POST with the key never leaves.
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
