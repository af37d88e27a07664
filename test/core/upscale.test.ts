import { describe, expect, it } from 'vitest';
import {
  parsePendingUpscale,
  parseUpscaleDone,
  pendingUpscaleStorageKey,
  planUpscale,
  UPSCALE_MAX_INPUT_URI_BYTES,
  UPSCALE_MODEL,
  upscaleRequestBody,
} from '../../core/upscale';

describe('planUpscale', () => {
  it.each([
    [1920, 1080, 2, 3840, 2160],
    [1280, 720, 2, 2560, 1440],
    [960, 960, 4, 3840, 3840],
    [1024, 1024, 4, 4096, 4096],
    [720, 720, 4, 2880, 2880],
    [300, 300, 8, 2400, 2400],
    [300, 256 + 100, 8, 2400, 2848],
  ])('%i × %i → ×%i, %i × %i: the largest factor Figma can place', (width, height, factor, outWidth, outHeight) => {
    expect(planUpscale(width, height)).toEqual({ ok: true, factor, width: outWidth, height: outHeight });
  });

  it('keeps the output within Runway’s 25.3 million pixels', () => {
    // 2048 × 2048 × 2 would be 4096 × 4096 = 16.8 M: allowed; nothing Figma can place is over 25.3 M.
    expect(planUpscale(2048, 2048)).toMatchObject({ ok: true, factor: 2 });
  });

  it('refuses what is too large for Figma once doubled, too small or too large for Runway, and says why', () => {
    expect(planUpscale(2112, 912)).toEqual({
      ok: false,
      reason: 'The image is already 2112 × 912 px: twice that (4224 × 1824 px) is more than Figma places (4096 px a side).',
    });
    expect(planUpscale(1000, 299)).toEqual({
      ok: false,
      reason: 'The image is 1000 × 299 px; Runway upscales images of at least 300 px a side.',
    });
    expect(planUpscale(9000, 400)).toEqual({
      ok: false,
      reason: 'The image is 9000 × 400 px; Runway upscales images of at most 8000 px a side.',
    });
    expect(planUpscale(0, 400)).toMatchObject({ ok: false });
    expect(planUpscale(Number.NaN, 400)).toMatchObject({ ok: false });
  });
});

describe('upscaleRequestBody', () => {
  it('is the model, the data URI, the factor and the flavor', () => {
    expect(upscaleRequestBody('data:image/png;base64,AAAA', 2, 'photo')).toEqual({
      ok: true,
      body: { model: UPSCALE_MODEL, imageUri: 'data:image/png;base64,AAAA', scaleFactor: 2, flavor: 'photo' },
    });
  });

  it('refuses another kind of image, and a data URI over 5 MB', () => {
    expect(upscaleRequestBody('data:image/gif;base64,AAAA', 2, 'photo')).toMatchObject({ ok: false });
    const big = `data:image/jpeg;base64,${'A'.repeat(UPSCALE_MAX_INPUT_URI_BYTES)}`;
    expect(upscaleRequestBody(big, 2, 'sublime')).toEqual({
      ok: false,
      reason: 'The image is 5.0 MB as sent; Runway upscales images of at most 5 MB.',
    });
  });
});

describe('an upscale under way, as sent and stored', () => {
  const JOB = {
    layerId: '4:5',
    hash: 'abc',
    name: 'Hero',
    factor: 2,
    jobId: 'task-9',
    width: 3840,
    height: 2160,
    startedAt: 1_700_000_000_000,
  };

  it('is read field by field: nothing else that came with it is kept', () => {
    expect(parsePendingUpscale({ ...JOB, apiKey: 'key_secret', bytes: [1, 2] })).toEqual(JOB);
    expect(parseUpscaleDone({ ...JOB, extra: 1 })).toEqual({ layerId: '4:5', hash: 'abc', name: 'Hero', factor: 2 });
  });

  it.each([
    ['no layer', { layerId: '' }],
    ['no task', { jobId: '' }],
    ['a factor Runway does not take', { factor: 3 }],
    ['a size that is no whole number', { width: 3840.5 }],
    ['no start time', { startedAt: null }],
    ['a hash that is no text', { hash: 5 }],
  ])('is none with %s', (_, change) => {
    expect(parsePendingUpscale({ ...JOB, ...change })).toBeNull();
  });

  it('is none for what is not an object', () => {
    for (const value of [null, undefined, 'task-9', [JOB]]) {
      expect(parsePendingUpscale(value)).toBeNull();
      expect(parseUpscaleDone(value)).toBeNull();
    }
  });

  it('is kept per file', () => {
    expect(pendingUpscaleStorageKey('f1')).toBe('upscale/f1');
  });
});
