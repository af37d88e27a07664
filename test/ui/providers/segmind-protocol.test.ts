import { describe, expect, it } from 'vitest';
import { SEGMIND_MODEL } from '../../../core/models';
import type { GenerationOutcome, GenerationRequest } from '../../../ui/providers/provider';
import { REDACTED } from '../../../core/secrets';
import { redactSecrets } from '../../../ui/providers/provider-http';
import { MAX_PROVIDER_MESSAGE_CHARS } from '../../../ui/providers/provider-text';
import {
  SEGMIND_API_BASE,
  buildSegmindRequest,
  classifySegmindResponse,
  parseCredits,
  parseResetAt,
  segmindKeyProblem,
} from '../../../ui/providers/segmind-protocol';
import { solidJpeg, solidPng, webpBytes } from '../../support/segmind-stand-in';

const KEY = 'sk-test-4f1d9c0b7e2a';
const GIF_1X1 = new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
const JPEG = solidJpeg(64, 36, [200, 40, 90]);
const PNG_BYTES = solidPng(64, 36, [10, 120, 200]);
const WEBP = webpBytes(64, 36);

const REQUEST: GenerationRequest = {
  model: 'runway-gen4-image',
  prompt: 'Put @jacket on @model, studio light',
  ratio: '832:1104',
  references: [
    { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
    { uri: 'data:image/png;base64,iVBORw0K', tag: 'model' },
  ],
};

/** A response as classifySegmindResponse sees it, with case-insensitive headers like fetch's. */
function answer(status: number, body: Uint8Array | string, headers: Record<string, string> = {}) {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    status,
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  };
}

const json = (value: unknown): string => JSON.stringify(value);
const html = (title: string): string => `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

function failureOf(outcome: GenerationOutcome) {
  if (outcome.ok) throw new Error('expected a failure, got an image');
  return outcome.failure;
}

describe('buildSegmindRequest', () => {
  it('posts the documented JSON to /v1/runway-gen4-image with x-api-key', () => {
    const { url, init } = buildSegmindRequest(SEGMIND_API_BASE, REQUEST, KEY);
    expect(url).toBe('https://api.segmind.com/v1/runway-gen4-image');
    expect(SEGMIND_MODEL).toBe('runway-gen4-image');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'x-api-key': KEY, 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body)).toEqual({
      promptText: 'Put @jacket on @model, studio light',
      referenceImages: [
        { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
        { uri: 'data:image/png;base64,iVBORw0K', tag: 'model' },
      ],
      ratio: '832:1104',
    });
  });

  it('never sends the key as a Bearer token or in the URL', () => {
    const { url, init } = buildSegmindRequest(SEGMIND_API_BASE, REQUEST, KEY);
    expect(Object.keys(init.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(url).not.toContain(KEY);
    expect(init.body).not.toContain(KEY);
  });

  it('joins a base with a trailing slash and trims the key', () => {
    const { url, init } = buildSegmindRequest('http://127.0.0.1:8080/', REQUEST, `  ${KEY}\n`);
    expect(url).toBe('http://127.0.0.1:8080/v1/runway-gen4-image');
    expect(init.headers['x-api-key']).toBe(KEY);
  });

  it('sends only uri and tag for each reference', () => {
    const extra = { ...REQUEST, references: [{ uri: 'https://example.test/a.png', tag: 'alpha', layerId: '1:2' }] };
    const body = JSON.parse(buildSegmindRequest(SEGMIND_API_BASE, extra, KEY).init.body) as { referenceImages: unknown };
    expect(body.referenceImages).toEqual([{ uri: 'https://example.test/a.png', tag: 'alpha' }]);
  });
});

describe('segmindKeyProblem', () => {
  it('accepts a plain key', () => {
    expect(segmindKeyProblem(KEY)).toBeNull();
    expect(segmindKeyProblem(` ${KEY} `)).toBeNull();
  });
  it.each([
    ['empty', '', /No Segmind API key/],
    ['blank', '   ', /No Segmind API key/],
    ['inner space', 'sk-test abc', /characters a request header cannot carry/],
    ['line break', 'sk-test\nabc', /characters a request header cannot carry/],
    ['non-Latin', 'sk-тест', /characters a request header cannot carry/],
  ])('refuses a %s key as an auth problem', (_name, key, message) => {
    const problem = segmindKeyProblem(key);
    expect(problem?.kind).toBe('auth');
    expect(problem?.message).toMatch(message);
  });
});

describe('classifySegmindResponse: HTTP 200', () => {
  it.each([
    ['JPEG', JPEG],
    ['PNG', PNG_BYTES],
    ['GIF', GIF_1X1],
    ['WebP', WEBP],
  ])('passes a %s through with credits, seed and cost', (_kind, bytes) => {
    const outcome = classifySegmindResponse(
      answer(200, bytes, {
        'Content-Type': 'image/jpeg',
        'X-Remaining-Credits': '41.5',
        'x-seed-value': '12345',
        'x-cost': '0.5',
      }),
    );
    expect(outcome).toEqual({ ok: true, image: { bytes, creditsLeft: 41.5, seed: '12345', cost: 0.5 } });
  });

  it('judges by the bytes, not the Content-Type header', () => {
    const outcome = classifySegmindResponse(answer(200, PNG_BYTES, { 'content-type': 'application/octet-stream' }));
    expect(outcome.ok).toBe(true);
  });

  it.each([
    ['"12.5"', '12.5', 12.5],
    ['"0"', '0', 0],
    ['" 7 "', ' 7 ', 7],
    ['missing', null, null],
    ['"abc"', 'abc', null],
    ['empty', '', null],
    ['"12.5 credits"', '12.5 credits', null],
  ])('reads x-remaining-credits %s', (_name, header, credits) => {
    const headers: Record<string, string> = header === null ? {} : { 'x-remaining-credits': header };
    const outcome = classifySegmindResponse(answer(200, JPEG, headers));
    expect(outcome.ok && outcome.image.creditsLeft).toBe(credits);
    expect(parseCredits(header)).toBe(credits);
  });

  it('reports a missing seed as null', () => {
    const outcome = classifySegmindResponse(answer(200, JPEG));
    expect(outcome.ok && outcome.image.seed).toBeNull();
  });

  it('shows the JSON error of a 200 without an image', () => {
    const failure = failureOf(
      classifySegmindResponse(answer(200, json({ error: 'Prompt rejected by moderation' }), { 'content-type': 'application/json' })),
    );
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toBe('Segmind answered without an image: "Prompt rejected by moderation".');
  });

  it('says an HTML answer was not an image and names its content type', () => {
    const failure = failureOf(classifySegmindResponse(answer(200, html('Maintenance'), { 'content-type': 'text/html; charset=utf-8' })));
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toContain('not an image');
    expect(failure.message).toContain('text/html');
    expect(failure.message).toContain('Maintenance');
  });

  it('says so for an empty body', () => {
    const failure = failureOf(classifySegmindResponse(answer(200, new Uint8Array(0), { 'content-type': 'image/jpeg' })));
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toMatch(/empty body/);
  });

  it('does not quote binary noise, only its size', () => {
    const noise = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    const failure = failureOf(classifySegmindResponse(answer(200, noise, { 'content-type': 'application/octet-stream' })));
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toBe("Segmind's answer was not an image (it was application/octet-stream) (300 bytes). Try again.");
  });

  it.each([
    ['JPEG', JPEG],
    ['PNG', PNG_BYTES],
    ['WebP', WEBP],
  ])('refuses a %s cut in half as incomplete', (kind, bytes) => {
    const failure = failureOf(classifySegmindResponse(answer(200, bytes.subarray(0, Math.floor(bytes.length / 2)))));
    expect(failure.kind).toBe('not-image');
    expect(failure.message).toContain(`of ${kind.toUpperCase()}, its end is missing`);
  });
});

describe('classifySegmindResponse: errors', () => {
  const cases: [number, string, Record<string, string>, string, RegExp[]][] = [
    [
      401,
      json({ error: 'Invalid API key' }),
      {},
      'auth',
      [/invalid or missing key/, /"Invalid API key"/, /open settings and check the key/i],
    ],
    [401, '', {}, 'auth', [/HTTP 401/, /Open settings/]],
    [403, json({ error: 'Forbidden' }), {}, 'auth', [/HTTP 403/, /"Forbidden"/]],
    [406, json({ error: 'Insufficient credits' }), {}, 'credits', [/Not enough Segmind credits/, /Top up at segmind\.com/, /HTTP 406/]],
    [
      406,
      json({ error: 'Unsupported Content-Type' }),
      {},
      'bad-request',
      [/Content-Type/, /credits run out/, /"Unsupported Content-Type"/],
    ],
    [400, json({ error: 'referenceImages is required' }), {}, 'bad-request', [/HTTP 400/, /"referenceImages is required"/]],
    [400, '', {}, 'bad-request', [/without saying why/]],
    [422, json({ message: 'tag must match' }), {}, 'bad-request', [/HTTP 422/, /"tag must match"/]],
    [500, json({ error: 'Invalid value for ratio' }), {}, 'server', [/HTTP 500/, /"Invalid value for ratio"/, /invalid parameters/]],
    [
      503,
      html('503 Service Temporarily Unavailable'),
      { 'content-type': 'text/html' },
      'server',
      [/unavailable right now/, /HTTP 503: "503 Service Temporarily Unavailable"/],
    ],
    [502, 'Bad gateway', { 'content-type': 'text/plain' }, 'server', [/HTTP 502: "Bad gateway"/]],
    [
      405,
      html('405 Not Allowed'),
      { 'content-type': 'text/html' },
      'bad-request',
      [/unexpected HTTP 405: "405 Not Allowed"\. Please report it\./],
    ],
    [404, json({ error: 'Model not found' }), {}, 'bad-request', [/unexpected HTTP 404: "Model not found"/]],
    [302, '', {}, 'server', [/unexpected HTTP 302/]],
    [413, '', {}, 'bad-request', [/too large/, /fewer or smaller references/]],
  ];

  it.each(cases)('%i %s → its kind and message', (status, body, headers, kind, messages) => {
    const failure = failureOf(classifySegmindResponse(answer(status, body, headers)));
    expect(failure.kind).toBe(kind);
    for (const message of messages) expect(failure.message).toMatch(message);
    expect(failure.resetAt).toBeUndefined();
  });

  it('never reads an error status as an image, even with image bytes', () => {
    const failure = failureOf(classifySegmindResponse(answer(500, JPEG, { 'content-type': 'image/jpeg' })));
    expect(failure.kind).toBe('server');
  });

  it('cuts a long provider message', () => {
    const failure = failureOf(classifySegmindResponse(answer(500, json({ error: `boom ${'word '.repeat(2000)}` }))));
    const quoted = /"([^"]*)"/.exec(failure.message)?.[1] ?? '';
    expect(quoted.length).toBeLessThanOrEqual(MAX_PROVIDER_MESSAGE_CHARS);
    expect(quoted.endsWith('…')).toBe(true);
    expect(failure.message.length).toBeLessThan(MAX_PROVIDER_MESSAGE_CHARS + 200);
  });

  it('quotes the title of an HTML error page, not its markup', () => {
    const page = `<!DOCTYPE html><html><head><title>Bad &amp; sad</title><style>p{}</style></head><body><p>x</p></body></html>`;
    const failure = failureOf(classifySegmindResponse(answer(502, page)));
    expect(failure.message).toContain('"Bad & sad"');
    expect(failure.message).not.toContain('<');
  });
});

describe('classifySegmindResponse: 429', () => {
  it('names the reset time in UTC and keeps the header', () => {
    const failure = failureOf(
      classifySegmindResponse(answer(429, json({ error: 'Too many requests' }), { 'x-rate-limit-reset-at-utc': '2025-06-01T14:03:27Z' })),
    );
    expect(failure.kind).toBe('rate-limited');
    expect(failure.resetAt).toBe('2025-06-01T14:03:27Z');
    expect(failure.message).toContain('Try again after 14:03 UTC.');
    expect(failure.message).toContain('5 requests a minute');
    expect(failure.message).toContain('"Too many requests"');
  });

  it('says "in about a minute" without the header', () => {
    const failure = failureOf(classifySegmindResponse(answer(429, json({ error: 'Too many requests' }))));
    expect(failure.kind).toBe('rate-limited');
    expect(failure.resetAt).toBeUndefined();
    expect(failure.message).toContain('Try again in about a minute.');
  });

  it('shows an unreadable reset value as it came', () => {
    const failure = failureOf(classifySegmindResponse(answer(429, '', { 'x-rate-limit-reset-at-utc': 'soon-ish' })));
    expect(failure.resetAt).toBe('soon-ish');
    expect(failure.message).toContain('Try again after soon-ish.');
  });

  it.each([
    ['ISO with Z', '2025-06-01T14:03:27Z', '2025-06-01T14:03:27.000Z'],
    ['ISO without zone (read as UTC)', '2025-06-01 14:03:27', '2025-06-01T14:03:27.000Z'],
    ['ISO with UTC suffix', '2025-06-01 14:03:27 UTC', '2025-06-01T14:03:27.000Z'],
    ['ISO with offset', '2025-06-01T16:03:27+02:00', '2025-06-01T14:03:27.000Z'],
    ['RFC 1123', 'Sun, 01 Jun 2025 14:03:27 GMT', '2025-06-01T14:03:27.000Z'],
    ['epoch seconds', '1748786607', '2025-06-01T14:03:27.000Z'],
    ['epoch milliseconds', '1748786607000', '2025-06-01T14:03:27.000Z'],
  ])('parses a reset time given as %s', (_name, raw, iso) => {
    expect(parseResetAt(raw)?.toISOString()).toBe(iso);
  });

  it('returns null for a reset time it cannot read', () => {
    expect(parseResetAt('tomorrow')).toBeNull();
  });
});

describe('the key never shows up in a message', () => {
  const echoing = (text: string): string => json({ error: `Invalid API key ${KEY} for ${text}` });
  const answers = [
    answer(401, echoing('auth')),
    answer(406, echoing('credits')),
    answer(406, echoing('Content-Type')),
    answer(429, echoing('rate'), { 'x-rate-limit-reset-at-utc': KEY }),
    answer(400, echoing('bad')),
    answer(500, echoing('server')),
    answer(503, `<title>${KEY}</title>`),
    answer(200, echoing('no image')),
    answer(200, `<html>${KEY}</html>`, { 'content-type': 'text/html' }),
  ];

  it.each(answers.map((a, i) => [i, a] as const))('answer #%i', (_i, response) => {
    const outcome = redactSecrets(classifySegmindResponse(response), [KEY]);
    const failure = failureOf(outcome);
    expect(failure.message).not.toContain(KEY);
    expect(failure.message).toContain(REDACTED);
    expect(failure.resetAt ?? '').not.toContain(KEY);
  });

  it('leaves messages without the key and successes untouched', () => {
    const failure = classifySegmindResponse(answer(500, json({ error: 'boom' })));
    expect(redactSecrets(failure, [KEY])).toBe(failure);
    const success = classifySegmindResponse(answer(200, JPEG));
    expect(redactSecrets(success, [KEY])).toBe(success);
  });

  it('ignores a blank secret instead of redacting every gap', () => {
    const failure = classifySegmindResponse(answer(500, json({ error: 'boom' })));
    expect(redactSecrets(failure, ['  '])).toBe(failure);
  });

  it('keeps the key out of the key problems too', () => {
    expect(segmindKeyProblem(`${KEY} x`)?.message).not.toContain(KEY);
  });
});
