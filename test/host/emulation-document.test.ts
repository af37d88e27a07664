// The host's figma emulation of what History and Iterate use, in real Chromium: the document's own plugin data
// (kept across runs), figma.base64Encode/Decode, and figma.getImageByHash. A probe plugin reports with figma.notify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startProbeAsync, type Probe } from '../support/probe-plugin';
import { solidPng } from '../support/segmind-stand-in';

const PNG = solidPng(4, 4, [10, 200, 30]);

const PROBE_CODE = `
const results = {};
const attempt = (name, run) => {
  try {
    results[name] = { ok: true, value: run() };
  } catch (error) {
    results[name] = { ok: false, message: String(error && error.message) };
  }
};
figma.showUI(__html__, { visible: false });
results.before = figma.root.getPluginData('file-id');
attempt('set', () => figma.root.setPluginData('file-id', 'probe-file'));
attempt('tooBig', () => figma.root.setPluginData('big', 'x'.repeat(100001)));
attempt('keys', () => figma.root.getPluginDataKeys());
const image = figma.createImage(new Uint8Array([${Array.from(PNG).join(',')}]));
attempt('known', () => figma.getImageByHash(image.hash).hash);
attempt('unknown', () => figma.getImageByHash('0'.repeat(40)));
attempt('badHash', () => figma.getImageByHash(42));
attempt('encode', () => figma.base64Encode(new Uint8Array([0, 1, 2, 250, 255])));
attempt('decode', () => Array.from(figma.base64Decode('AAEC+v8=')));
attempt('decodeBad', () => figma.base64Decode('not base64!'));
figma.getImageByHash(image.hash).getSizeAsync().then((size) => {
  results.size = size;
  figma.notify(JSON.stringify(results));
});
`;

type Attempt = { ok: true; value: unknown } | { ok: false; message: string };
type Results = Record<string, Attempt> & { before: string; size: unknown };

let probe: Probe;
let first: Results;
let second: Results;

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE);
  // Twice: what the first run keeps in the document, the second reads.
  first = await probe.runAsync<Results>();
  second = await probe.runAsync<Results>();
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

describe('figma.root plugin data', () => {
  it('starts empty and is kept in the document for the next run', () => {
    expect(first.before).toBe('');
    expect(first.set).toEqual({ ok: true });
    expect(first.keys).toEqual({ ok: true, value: ['file-id'] });
    expect(second.before).toBe('probe-file');
  });

  it('has a layer’s 100 kB limit', () => {
    expect(first.tooBig).toEqual({ ok: false, message: expect.stringContaining('100 kB') });
  });
});

describe('figma.getImageByHash', () => {
  it('gives the image for a hash the document holds, and null for any other', () => {
    expect(first.known).toEqual({ ok: true, value: createHash('sha1').update(PNG).digest('hex') });
    expect(first.unknown).toEqual({ ok: true, value: null });
    expect(first.badHash).toEqual({ ok: false, message: 'figma.getImageByHash needs a string hash' });
    expect(first.size).toEqual({ width: 4, height: 4 });
  });
});

describe('figma.base64Encode and base64Decode', () => {
  it('turn bytes into base64 and back, and refuse what is not base64', async () => {
    expect(first.encode).toEqual({ ok: true, value: Buffer.from([0, 1, 2, 250, 255]).toString('base64') });
    expect(first.decode).toEqual({ ok: true, value: [0, 1, 2, 250, 255] });
    expect(first.decodeBad).toEqual({ ok: false, message: 'figma.base64Decode: the text is not base64' });
    expect(await probe.host('errors')).toEqual([]);
  });
});
