// A local HTTP server that behaves like Segmind's runway-gen4-image endpoint (CONTRACTS §1): x-api-key,
// JSON body checks, real JPEG answers of the ratio's size drawn from the prompt and the references
// (stand-in-image.ts) with the x-* headers, CORS like a browser-friendly API, and switchable
// faults (error statuses, dropped connections, slow, non-image and odd image answers). Records every request.
// Used by the provider tests, the browser tests and the end-to-end host.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import {
  decodeReference,
  drawStandInPixels,
  encodeStandInJpeg,
  fnv1a,
  hashedColour,
  paletteText,
  standInSlots,
  type DrawnReference,
} from './stand-in-image';
import { headerValue, isImageUri, readBodyAsync, requestWaiters, waitForClientAsync } from './stand-in-http';

export { STAND_IN_PLACEHOLDER_RGB, gradientColours, standInSlots, type PixelRect } from './stand-in-image';

export const STAND_IN_PATH = '/v1/runway-gen4-image';

/** The ratios Segmind allows, copied from CONTRACTS §1 rather than imported, so a wrong table in the plugin shows. */
export const STAND_IN_RATIOS: readonly string[] = [
  '1280:720',
  '720:1280',
  '1104:832',
  '832:1104',
  '960:960',
  '1584:672',
  '1920:1080',
  '1080:1920',
];

export type SegmindStandInMode =
  | 'ok' // 200, a real JPEG of the ratio's size, drawn from the prompt and the references
  | 'unauthorized' // 401 whatever the key
  | 'no-credits' // 406
  | 'rate-limited' // 429 with x-rate-limit-reset-at-utc (unless set to null)
  | 'server-error' // 500 {"error"}
  | 'unavailable' // 503, an nginx-style HTML page
  | 'drop' // the socket is destroyed without an answer
  | 'drop-mid-body' // headers and half the JPEG, then the connection closes
  | 'stall-mid-body' // headers and half the JPEG, then nothing until the client leaves
  | 'slow' // a good answer after slowMs
  | 'not-image' // 200 text/html
  | 'not-image-json' // 200 application/json {"error"}
  | 'webp' // 200, a real lossless WebP of the ratio's size
  | 'huge' // 200, a real 5000×100 PNG (over Figma's 4096 px)
  | 'truncated'; // 200, the first half of a JPEG (Content-Length matches what is sent)

export const STAND_IN_MODES: readonly SegmindStandInMode[] = [
  'ok',
  'unauthorized',
  'no-credits',
  'rate-limited',
  'server-error',
  'unavailable',
  'drop',
  'drop-mid-body',
  'stall-mid-body',
  'slow',
  'not-image',
  'not-image-json',
  'webp',
  'huge',
  'truncated',
];

/** The stand-in's error texts, so tests can check the plugin shows the provider's words. */
export const STAND_IN_ERRORS = {
  unauthorized: 'Invalid API key',
  noCredits: 'Insufficient credits. Please add credits to your account.',
  contentType: 'Unsupported Content-Type: send application/json',
  rateLimited: 'Rate limit exceeded. Please try again later.',
  serverError: 'Internal error while generating the image',
  unavailableTitle: '503 Service Temporarily Unavailable',
  notImageJson: 'Generation failed: the model returned no image',
  badRatio: 'Invalid value for ratio',
} as const;

/** Size of the 'huge' PNG: wider than Figma's 4096 px limit. */
export const HUGE_IMAGE_SIZE = { width: 5000, height: 100 } as const;
/** Answers kept per server, so a repeated request (benchmark runs, retries) isn't drawn again. */
const RENDER_CACHE_ENTRIES = 16;
/** Decoded references kept per server: decoding a 2048 px JPEG in pure JS is most of the drawing time. */
const REFERENCE_CACHE_ENTRIES = 6;
const TAG_PATTERN = /^[A-Za-z][A-Za-z0-9_]{2,15}$/;

export interface SegmindStandInOptions {
  readonly mode?: SegmindStandInMode;
  /** Answer CORS preflights and add CORS headers (default true). */
  readonly cors?: boolean;
  /** With CORS on, send Access-Control-Expose-Headers for the x-* headers (default true). */
  readonly exposeHeaders?: boolean;
  /** Wait this long before answering any request (default 0). */
  readonly latencyMs?: number;
  /** How long 'slow' waits before its good answer (default 30 000, like a real generation). */
  readonly slowMs?: number;
  /** Starting credits (default 100); each image costs `cost`. */
  readonly credits?: number;
  /** Credits per image (default 0.5). */
  readonly cost?: number;
  /** When set, only this key is accepted; otherwise any non-empty x-api-key is. */
  readonly apiKey?: string;
  /** The 'rate-limited' mode's x-rate-limit-reset-at-utc; null leaves the header out (default: a minute on). */
  readonly rateLimitResetAt?: string | null;
  /** Serve HTTPS with this PEM key and certificate instead of plain HTTP (the end-to-end tests' api.segmind.com). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Listen on this port (default 0: a free one). */
  readonly port?: number;
  /**
   * Draw each repeat of a request differently (default false): see setVaryRepeats. Off, the same body always
   * gets the same bytes, which tests of retries and caching rely on.
   */
  readonly varyRepeats?: boolean;
}

/** One request as the server saw it. */
/** Epoch milliseconds with sub-millisecond precision, on the same scale as a browser's timeOrigin + now(). */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface RecordedRequest {
  readonly method: string;
  /** Path with query, e.g. "/v1/runway-gen4-image". */
  readonly path: string;
  /** Node's lower-cased headers, all of them. */
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or null when it is empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  /** Epoch ms (performance.timeOrigin-based, comparable with a browser's) when the whole body had arrived. */
  readonly receivedAt: number;
  /** Epoch ms when the answer was fully written; null until then (or when the connection was dropped). */
  answeredAt: number | null;
}

export interface SegmindStandIn {
  /** Base URL, e.g. "http://127.0.0.1:41234" (https with `tls`; no trailing slash): pass it as the provider's baseUrl. */
  readonly url: string;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Every request in arrival order, preflights included. */
  readonly requests: RecordedRequest[];
  /** Credits left now. */
  readonly credits: number;
  /** Sets the mode of every answer from now on, and drops one-off modes still queued. */
  setMode(mode: SegmindStandInMode): void;
  /** The next generation POSTs answer in these modes, one each in arrival order; then the set mode again. */
  queueModes(modes: readonly SegmindStandInMode[]): void;
  setCors(on: boolean): void;
  setExposeHeaders(on: boolean): void;
  setLatencyMs(ms: number): void;
  /** The 'rate-limited' reset header: a value, null for none, undefined for a minute from each answer. */
  setRateLimitResetAt(value: string | null | undefined): void;
  /**
   * On: a request whose body was already seen in `requests` (n times) gets renderStandInImage(body, n), a picture
   * in other colours, as variations of one run send the same body. The first answer stays renderStandInImage(body);
   * clearing `requests` starts the count again.
   */
  setVaryRepeats(on: boolean): void;
  /** Resolves once `count` requests have been recorded; rejects after `timeoutMs`. */
  waitForRequestsAsync(count: number, timeoutMs?: number): Promise<void>;
  /** Stops the server, ending open connections and pending answers. */
  close(): Promise<void>;
}

interface Settings {
  mode: SegmindStandInMode;
  cors: boolean;
  exposeHeaders: boolean;
  latencyMs: number;
  slowMs: number;
  cost: number;
  apiKey: string | null;
  rateLimitResetAt: string | null | undefined;
  varyRepeats: boolean;
}

/** The colour hashed from `prompt`: the top of the stand-in's background for it, and the fill of its 'huge' PNG. */
export function standInColour(prompt: string): [number, number, number] {
  return [...hashedColour(prompt)];
}

/**
 * The JPEG the stand-in answers a request `body` with (a parsed JSON body, as in `requests[i].body`), so a test
 * can compare the bytes it placed with what the stand-in drew. `variation` is how many earlier requests in
 * `requests` had the same body when the stand-in varies repeats (setVaryRepeats): 0, the default, for the first. Throws with the stand-in's 400/500 message for a
 * body it would refuse.
 */
export function renderStandInImage(body: unknown, variation = 0): Uint8Array {
  const checked = checkBody(body);
  if ('status' in checked) throw new Error(`The stand-in would answer ${checked.status}: ${checked.error}`);
  const references = decodeReferences(checked);
  if ('status' in references) throw new Error(`The stand-in would answer ${references.status}: ${references.error}`);
  return renderImage(checked, references, variation);
}

/** The centre pixel of each reference's slot in the stand-in's picture for `ratio`: it shows the middle of that reference. */
export function standInSlotCentres(ratio: string, count: number): { x: number; y: number }[] {
  if (!STAND_IN_RATIOS.includes(ratio)) throw new Error(`The stand-in draws only Segmind's ratios, not ${JSON.stringify(ratio)}`);
  const [width, height] = ratioSize(ratio);
  return standInSlots(width, height, count).map((slot) => ({
    x: Math.floor(slot.x + slot.width / 2),
    y: Math.floor(slot.y + slot.height / 2),
  }));
}

/** The seed the stand-in reports for `prompt`. */
export function standInSeed(prompt: string): string {
  return String(fnv1a(`seed:${prompt}`) % 2_147_483_647);
}

/** A real baseline JPEG of one colour. */
export function solidJpeg(width: number, height: number, [r, g, b]: readonly number[]): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = r ?? 0;
    data[i + 1] = g ?? 0;
    data[i + 2] = b ?? 0;
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 85).data);
}

/** A real PNG of one colour. */
export function solidPng(width: number, height: number, [r, g, b]: readonly number[]): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = r ?? 0;
    png.data[i + 1] = g ?? 0;
    png.data[i + 2] = b ?? 0;
    png.data[i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/**
 * A real lossless WebP (VP8L) of one colour at any size. The bitstream after the size field is the one of the
 * well-known 1×1 lossless WebP: a one-colour palette and single-symbol prefix codes, so every pixel takes zero
 * bits and the same data is valid for any width and height. Chromium decodes it (see the browser test).
 */
export function webpBytes(width: number, height: number): Uint8Array {
  if (width < 1 || height < 1 || width > 16_384 || height > 16_384) throw new Error(`WebP size out of range: ${width}×${height}`);
  const bytes = new Uint8Array(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));
  // VP8L header after the 0x2f signature (byte 21): 14 bits width-1, 14 bits height-1, then alpha and version.
  const bits = ((width - 1) | ((height - 1) << 14) | ((bytes[24]! & 0xf0) << 24)) >>> 0;
  bytes[21] = bits & 0xff;
  bytes[22] = (bits >>> 8) & 0xff;
  bytes[23] = (bits >>> 16) & 0xff;
  bytes[24] = (bits >>> 24) & 0xff;
  return bytes;
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startSegmindStandIn(options: SegmindStandInOptions = {}): Promise<SegmindStandIn> {
  const settings: Settings = {
    mode: options.mode ?? 'ok',
    cors: options.cors ?? true,
    exposeHeaders: options.exposeHeaders ?? true,
    latencyMs: options.latencyMs ?? 0,
    slowMs: options.slowMs ?? 30_000,
    cost: options.cost ?? 0.5,
    apiKey: options.apiKey ?? null,
    rateLimitResetAt: options.rateLimitResetAt,
    varyRepeats: options.varyRepeats ?? false,
  };
  let credits = options.credits ?? 100;
  let requestCount = 0;
  const requests: RecordedRequest[] = [];
  const oneOffModes: SegmindStandInMode[] = [];
  const waiters = requestWaiters(requests, 'The stand-in');
  const timers = new Set<NodeJS.Timeout>();
  const rendered = new Map<string, Uint8Array>();
  const decoded = new Map<string, DrawnReference>();

  const waitAsync = (ms: number, res: ServerResponse): Promise<boolean> => waitForClientAsync(ms, res, timers);

  const bodyKeys = new WeakMap<RecordedRequest, string | null>();
  /** The drawing key of a recorded request's body (null when it isn't a generation body), computed once. */
  const keyOfRecorded = (request: RecordedRequest): string | null => {
    if (!bodyKeys.has(request)) {
      const checked = request.method === 'POST' ? checkBody(request.body) : null;
      bodyKeys.set(request, checked && !('status' in checked) ? drawingKey(checked) : null);
    }
    return bodyKeys.get(request) ?? null;
  };
  /**
   * With varyRepeats, how many requests recorded before `request` asked for the same picture (else 0). Variations
   * of one run send the same body, so without this they would all look alike; counting within `requests` (which
   * tests clear) keeps the first answer to a body exactly renderStandInImage(body).
   */
  const variationOf = (request: RecordedRequest, key: string): number => {
    if (!settings.varyRepeats) return 0;
    let count = 0;
    for (const earlier of requests) {
      if (earlier === request) break;
      if (keyOfRecorded(earlier) === key) count += 1;
    }
    return count;
  };

  /** The answer's JPEG, or the 400 for a reference whose bytes don't decode. */
  const jpegFor = (body: ValidBody, request: RecordedRequest): Uint8Array | { status: number; error: string } => {
    const key = drawingKey(body);
    const variation = variationOf(request, key);
    const cacheKey = `${key}:${variation}`;
    const cached = rendered.get(cacheKey);
    if (cached) return cached;
    const references = decodeReferences(body, decoded);
    if ('status' in references) return references;
    const image = renderImage(body, references, variation);
    remember(rendered, cacheKey, image, RENDER_CACHE_ENTRIES);
    return image;
  };

  const corsHeaders = (): Record<string, string> => {
    if (!settings.cors) return {};
    const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
    if (settings.exposeHeaders) {
      headers['access-control-expose-headers'] =
        'x-remaining-credits, x-cost, x-generation-time, x-seed-value, x-request-id, x-rate-limit-reset-at-utc';
    }
    return headers;
  };

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string): void => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    res.writeHead(status, { ...corsHeaders(), ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void =>
    send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(value));
  const sendHtml = (res: ServerResponse, status: number, title: string): void =>
    send(
      res,
      status,
      { 'content-type': 'text/html; charset=utf-8' },
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    );

  const record = (req: IncomingMessage, res: ServerResponse, rawBody: string): RecordedRequest => {
    let body: unknown = null;
    try {
      body = rawBody === '' ? null : (JSON.parse(rawBody) as unknown);
    } catch {
      body = null;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      rawBody,
      receivedAt: epochNow(),
      answeredAt: null,
    };
    res.once('finish', () => {
      recorded.answeredAt = epochNow();
    });
    requests.push(recorded);
    waiters.notify();
    return recorded;
  };

  const answerImage = async (
    req: IncomingMessage,
    res: ServerResponse,
    recorded: RecordedRequest,
    body: ValidBody,
    mode: SegmindStandInMode,
  ): Promise<void> => {
    if (mode === 'slow' && !(await waitAsync(settings.slowMs, res))) return;
    if (mode === 'not-image') return sendHtml(res, 200, 'Segmind');
    if (mode === 'not-image-json') return sendJson(res, 200, { error: STAND_IN_ERRORS.notImageJson });

    const [width, height] = ratioSize(body.ratio);
    const started = Date.now();
    let image: Uint8Array;
    let type = 'image/jpeg';
    if (mode === 'webp') {
      image = webpBytes(width, height);
      type = 'image/webp';
    } else if (mode === 'huge') {
      image = solidPng(HUGE_IMAGE_SIZE.width, HUGE_IMAGE_SIZE.height, standInColour(body.promptText));
      type = 'image/png';
    } else {
      const drawn = jpegFor(body, recorded);
      if ('status' in drawn) return sendJson(res, drawn.status, { error: drawn.error });
      image = drawn;
    }
    if (mode === 'truncated') image = image.subarray(0, Math.floor(image.length / 2));

    credits -= settings.cost;
    requestCount += 1;
    const headers: Record<string, string> = {
      'content-type': type,
      'x-remaining-credits': String(credits),
      'x-cost': String(settings.cost),
      'x-generation-time': ((Date.now() - started) / 1000).toFixed(3),
      'x-seed-value': standInSeed(body.promptText),
      'x-request-id': `stand-in-${requestCount}`,
    };
    if (mode !== 'drop-mid-body' && mode !== 'stall-mid-body') return send(res, 200, headers, image);

    res.writeHead(200, { ...corsHeaders(), ...headers, 'content-length': String(image.length) });
    const half = Buffer.from(image.subarray(0, Math.floor(image.length / 2)));
    // 'drop-mid-body' sends FIN after half the body: the client has the headers and some bytes, then the
    // connection is gone. 'stall-mid-body' leaves it open; close() ends it.
    res.write(half, () => {
      if (mode === 'drop-mid-body') req.socket.end();
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBodyAsync(req);
    if (rawBody === null) return sendJson(res, 413, { error: 'Request body too large' });
    const recorded = record(req, res, rawBody);
    if (!(await waitAsync(settings.latencyMs, res))) return;

    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'OPTIONS') {
      if (!settings.cors) return sendHtml(res, 405, '405 Not Allowed');
      res.writeHead(204, {
        ...corsHeaders(),
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'x-api-key, content-type',
        // No preflight caching: every browser call shows up as OPTIONS + POST in `requests`.
        'access-control-max-age': '0',
      });
      return void res.end();
    }
    if (path !== STAND_IN_PATH) return sendJson(res, 404, { error: `No model at ${path}` });
    if (req.method !== 'POST') return sendHtml(res, 405, '405 Not Allowed');
    const mode = oneOffModes.shift() ?? settings.mode;
    if (mode === 'drop') return void req.socket.destroy();

    const key = headerValue(req.headers['x-api-key']);
    if (mode === 'unauthorized' || key === '' || (settings.apiKey !== null && key !== settings.apiKey)) {
      return sendJson(res, 401, { error: STAND_IN_ERRORS.unauthorized });
    }
    if (!/^application\/json\s*(;|$)/i.test(headerValue(req.headers['content-type']))) {
      return sendJson(res, 406, { error: STAND_IN_ERRORS.contentType });
    }
    const checked = validateBody(rawBody);
    if ('status' in checked) return sendJson(res, checked.status, { error: checked.error });

    if (mode === 'no-credits' || credits < settings.cost) return sendJson(res, 406, { error: STAND_IN_ERRORS.noCredits });
    if (mode === 'rate-limited') {
      const resetAt = settings.rateLimitResetAt === undefined ? new Date(Date.now() + 60_000).toISOString() : settings.rateLimitResetAt;
      return sendJson(res, 429, { error: STAND_IN_ERRORS.rateLimited }, resetAt === null ? {} : { 'x-rate-limit-reset-at-utc': resetAt });
    }
    if (mode === 'server-error') return sendJson(res, 500, { error: STAND_IN_ERRORS.serverError });
    if (mode === 'unavailable') return sendHtml(res, 503, STAND_IN_ERRORS.unavailableTitle);
    return answerImage(req, res, recorded, checked, mode);
  };

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `Stand-in failure: ${String(error)}` });
      else res.destroy();
    });
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  // A large drawing can keep the event loop busy past Node's 5 s default and drop an idle keep-alive socket mid-test.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    get credits() {
      return credits;
    },
    setMode(mode) {
      settings.mode = mode;
      oneOffModes.length = 0;
    },
    queueModes(modes) {
      oneOffModes.push(...modes);
    },
    setCors(on) {
      settings.cors = on;
    },
    setExposeHeaders(on) {
      settings.exposeHeaders = on;
    },
    setLatencyMs(ms) {
      settings.latencyMs = ms;
    },
    setRateLimitResetAt(value) {
      settings.rateLimitResetAt = value;
    },
    setVaryRepeats(on) {
      settings.varyRepeats = on;
    },
    waitForRequestsAsync: waiters.waitAsync,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

interface ValidBody {
  readonly promptText: string;
  readonly referenceImages: readonly { readonly uri: string; readonly tag: string }[];
  readonly ratio: string;
}

type Refusal = { status: number; error: string };

/** Checks the JSON body like Segmind: 400 for missing or malformed fields, 500 for a ratio it doesn't offer. */
function validateBody(rawBody: string): ValidBody | Refusal {
  let body: unknown;
  try {
    body = JSON.parse(rawBody) as unknown;
  } catch {
    return { status: 400, error: 'Request body is not valid JSON' };
  }
  return checkBody(body);
}

/** The checks of validateBody on a parsed body. */
function checkBody(body: unknown): ValidBody | Refusal {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, error: 'Request body must be a JSON object' };
  const { promptText, referenceImages, ratio = '1280:720' } = body as Record<string, unknown>;
  if (typeof promptText !== 'string' || promptText.trim() === '') return { status: 400, error: 'promptText is required' };
  if (promptText.length > 1000) return { status: 400, error: 'promptText must be at most 1000 characters' };
  if (!Array.isArray(referenceImages) || referenceImages.length === 0) {
    return { status: 400, error: 'referenceImages is required: an array of {uri, tag}' };
  }
  if (referenceImages.length > 3) return { status: 400, error: 'referenceImages accepts at most 3 images' };
  for (const [i, item] of referenceImages.entries()) {
    const { uri, tag } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof uri !== 'string' || typeof tag !== 'string') return { status: 400, error: `referenceImages[${i}] must be {uri, tag}` };
    if (!TAG_PATTERN.test(tag)) return { status: 400, error: `referenceImages[${i}].tag "${tag}" must match ${TAG_PATTERN.source}` };
    if (!isImageUri(uri)) {
      return { status: 400, error: `referenceImages[${i}].uri must be an https URL or a PNG, JPEG or WebP data URI` };
    }
  }
  if (typeof ratio !== 'string' || !STAND_IN_RATIOS.includes(ratio)) {
    return { status: 500, error: `${STAND_IN_ERRORS.badRatio}: ${JSON.stringify(ratio)}` };
  }
  return { promptText, referenceImages: referenceImages as ValidBody['referenceImages'], ratio };
}

/** The references decoded for drawing (from `cache` when there), or the 400 for the first whose bytes don't decode. */
function decodeReferences(body: ValidBody, cache = new Map<string, DrawnReference>()): DrawnReference[] | Refusal {
  const references: DrawnReference[] = [];
  for (const [i, { uri }] of body.referenceImages.entries()) {
    const key = createHash('sha1').update(uri).digest('hex');
    try {
      const reference = cache.get(key) ?? decodeReference(uri);
      remember(cache, key, reference, REFERENCE_CACHE_ENTRIES);
      references.push(reference);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 400, error: `referenceImages[${i}].uri: the image data does not decode (${reason})` };
    }
  }
  return references;
}

/** Sets `key` in `cache`, dropping the oldest entry beyond `limit`. */
function remember<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > limit) cache.delete(cache.keys().next().value!);
}

/** What decides the picture: the ratio, the prompt and the references' bytes in order (not their tags). */
function drawingKey(body: ValidBody): string {
  return createHash('sha1')
    .update(JSON.stringify([body.ratio, body.promptText, body.referenceImages.map((reference) => reference.uri)]))
    .digest('hex');
}

function renderImage(body: ValidBody, references: readonly DrawnReference[], variation: number): Uint8Array {
  const [width, height] = ratioSize(body.ratio);
  // The first answer keeps the prompt's own colours (gradientColours(prompt)), which tests check.
  const palette = paletteText(body.promptText, variation === 0 ? null : `repeat ${variation}`);
  return encodeStandInJpeg(drawStandInPixels(palette, references, width, height));
}

function ratioSize(ratio: string): [number, number] {
  return ratio.split(':').map(Number) as [number, number];
}
