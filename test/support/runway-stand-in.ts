// A local HTTP server that behaves like Runway's developer API (CONTRACTS §2) for gen4_image and
// gen4_image_turbo: Bearer key and X-Runway-Version checks, body validation with 400s naming the field, tasks
// that walk a scripted lifecycle (PENDING, THROTTLED, RUNNING with progress, SUCCEEDED, FAILED with a failure
// code, CANCELLED), outputs named on Runway's output host and served here under /output (a real JPEG of the
// ratio's size, drawn like the Segmind stand-in's), DELETE recorded as a cancel, and queued faults (429 with
// Retry-After, 5xx, 400, 401, dropped connections). A task can be held in a repeating step (e.g. ['RUNNING:0.5'])
// and released later by finishTasks, as if Runway finished it while the plugin was closed. Records every request.
// Used by the provider tests, the relay tests and the end-to-end host.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeReference, drawStandInPixels, encodeStandInJpeg, paletteText, type DrawnReference } from './stand-in-image';
import { headerValue, isImageUri, readBodyAsync, requestWaiters, waitForClientAsync } from './stand-in-http';

/** Where Runway serves outputs from; the stand-in names its outputs there, so a client must rewrite them. */
export const RUNWAY_STAND_IN_OUTPUT_ORIGIN = 'https://dnznrvs05pmza.cloudfront.net';
/** The path prefix under which the stand-in serves what it names on the output host. */
export const RUNWAY_STAND_IN_OUTPUT_PREFIX = '/output';
export const RUNWAY_STAND_IN_VERSION = '2024-11-06';

/** Both models' ratios and their prices, copied from CONTRACTS §2 rather than imported, so a wrong table in the plugin shows. */
export const RUNWAY_STAND_IN_1080P = [
  '1920:1080',
  '1080:1920',
  '1024:1024',
  '1080:1080',
  '1168:880',
  '1360:768',
  '1440:1080',
  '1080:1440',
  '1808:768',
  '2112:912',
];
export const RUNWAY_STAND_IN_720P = ['1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720'];
const MODELS = ['gen4_image', 'gen4_image_turbo'];
const TAG_PATTERN = /^[A-Za-z][A-Za-z0-9_]{2,15}$/;
const MAX_SEED = 2_147_483_647;
/** A data URI may be at most 5 MB as text (CONTRACTS §2). */
const MAX_DATA_URI_CHARS = 5 * 1024 * 1024;
/** Drawn outputs kept per server: a 1920×1080 JPEG takes a while to encode, and tests repeat the same request. */
const RENDER_CACHE_ENTRIES = 16;

/** Runway's failure texts for the codes tests use, so a test can check the plugin shows or hides them. */
export const RUNWAY_STAND_IN_FAILURES: Readonly<Record<string, string>> = {
  'SAFETY.INPUT.TEXT': 'The prompt was flagged by content moderation.',
  'SAFETY.INPUT.IMAGE': 'An input image was flagged by content moderation.',
  'SAFETY.OUTPUT.IMAGE': 'The output was flagged by content moderation.',
  'INPUT_PREPROCESSING.SAFETY.TEXT': 'The prompt text did not pass moderation.',
  'INTERNAL.BAD_OUTPUT.CODE01': 'The generation was rejected by quality checks.',
  INTERNAL: 'An internal error occurred.',
  'ASSET.INVALID': 'Invalid asset for referenceImages[1]: the image could not be decoded.',
};

/** The stand-in's error texts. */
export const RUNWAY_STAND_IN_ERRORS = {
  unauthorized: 'Invalid API key. Keys start with key_.',
  version: 'The X-Runway-Version header is required and must be 2024-11-06.',
  notFound: 'Task not found.',
  rateLimited: 'You have exceeded the rate limit for this integration.',
  unavailable: 'Runway is shedding load. Try again later.',
  badRequest: 'Injected bad request.',
} as const;

/**
 * One step of a task's lifecycle, one per poll (the last repeats, so a lifecycle ending in "RUNNING" holds the task
 * until finishTasks): "PENDING", "THROTTLED", "RUNNING",
 * "RUNNING:0.4" (with progress), "SUCCEEDED", "CANCELLED", "FAILED" (no code), "FAILED:<code>" (with the text
 * RUNWAY_STAND_IN_FAILURES has for it), or "FAILED:<code>:<text>".
 */
export type RunwayTaskStep = string;

export const DEFAULT_LIFECYCLE: readonly RunwayTaskStep[] = ['PENDING', 'RUNNING:0.5', 'SUCCEEDED'];

/** Which requests a fault applies to. */
export type RunwayStandInTarget = 'create' | 'poll' | 'delete' | 'output';

/** An injected answer instead of the real one: a status (with Retry-After forms and an error text), or a dropped connection. */
export type RunwayStandInFault =
  { readonly status: number; readonly retryAfter?: string; readonly retryAfterMs?: string; readonly error?: string } | 'drop';

/** What the output download answers. */
export type RunwayOutputMode =
  | 'jpeg' // a real JPEG of the ratio's size
  | 'html' // 200 text/html: not an image
  | 'expired'; // 403, like an expired signed link

export interface RunwayStandInOptions {
  /** When set, only `Authorization: Bearer <apiKey>` is accepted; otherwise no key is checked (a key-injecting relay). */
  readonly apiKey?: string;
  /** The lifecycle every task follows (default DEFAULT_LIFECYCLE). */
  readonly lifecycle?: readonly RunwayTaskStep[];
  /** `estimatedCost.credits` in create answers: undefined for the contract's price, null to leave it out. */
  readonly estimatedCredits?: number | null;
  /** Listen on this port (default 0: a free one). */
  readonly port?: number;
}

/** One request as the server saw it. */
export interface RunwayRecordedRequest {
  readonly method: string;
  /** Path with query, e.g. "/v1/tasks/…". */
  readonly path: string;
  /** What the request was: the endpoint it hit, or 'other'. */
  readonly target: RunwayStandInTarget | 'other';
  /** Node's lower-cased headers, all of them. */
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON, or null when it is empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
}

/** A validated create body. */
export interface RunwayStandInBody {
  readonly model: string;
  readonly promptText: string;
  readonly ratio: string;
  readonly referenceImages: readonly { readonly uri: string; readonly tag?: string }[];
  readonly seed: number | null;
}

/** One task the stand-in made. */
export interface RunwayStandInTask {
  readonly id: string;
  readonly body: RunwayStandInBody;
  readonly lifecycle: readonly RunwayTaskStep[];
  /** GETs answered so far. */
  polls: number;
  /** The step every poll answers once finishTasks released the task, or null while it follows its lifecycle. */
  finishedWith: RunwayTaskStep | null;
  /** True once a DELETE came for it. */
  deleted: boolean;
  /** The status the last GET reported, or null before any. */
  lastStatus: string | null;
  /** The query the output link carries; the output is served only with it. */
  readonly signature: string;
  /** The output's bytes, drawn when first requested (or by outputBytes). */
  output: Uint8Array | null;
}

export interface RunwayStandIn {
  /** Base URL, e.g. "http://127.0.0.1:41234" (no trailing slash): the provider's baseUrl, or the relay's RUNWAY_API_BASE. */
  readonly url: string;
  /** `${url}/output`: where the outputs named on Runway's output host are served (a provider's outputBase in tests). */
  readonly outputBase: string;
  readonly port: number;
  /** Every request in arrival order. */
  readonly requests: RunwayRecordedRequest[];
  /** Every task created, in order. */
  readonly tasks: RunwayStandInTask[];
  /** The requests that hit `target`. */
  requestsTo(target: RunwayStandInTarget): RunwayRecordedRequest[];
  /** Tasks created from now on follow `lifecycle`. */
  setLifecycle(lifecycle: readonly RunwayTaskStep[]): void;
  /** The i-th task created from now on follows lifecycles[i]; later ones follow the last. */
  setLifecycles(lifecycles: readonly (readonly RunwayTaskStep[])[]): void;
  /**
   * Every task created so far answers `step` (default "SUCCEEDED") from its next poll on, whatever its lifecycle
   * (a deleted one stays CANCELLED): Runway finishing, or failing with "FAILED:<code>", tasks nobody is polling.
   * Tasks created later follow their lifecycle.
   */
  finishTasks(step?: RunwayTaskStep): void;
  /** The next requests to `target` get these answers, one each, in order; then answers are normal again. */
  injectFaults(target: RunwayStandInTarget, faults: readonly RunwayStandInFault[]): void;
  /** Wait this long before answering requests to `target` (all targets when left out). */
  setLatencyMs(ms: number, target?: RunwayStandInTarget): void;
  setOutputMode(mode: RunwayOutputMode): void;
  /** The origin output links name (default Runway's); another one tests that clients refuse foreign hosts. */
  setOutputOrigin(origin: string): void;
  setEstimatedCredits(credits: number | null | undefined): void;
  /** The JPEG the task's output is (drawn now if not yet). */
  outputBytes(task: RunwayStandInTask): Uint8Array;
  /** Resolves once `count` requests have been recorded; rejects after `timeoutMs`. */
  waitForRequestsAsync(count: number, timeoutMs?: number): Promise<void>;
  /** Forgets requests, tasks, faults and latencies; the lifecycle, output mode and origin go back to the defaults. */
  reset(): void;
  /** Stops the server, ending open connections and pending answers. */
  close(): Promise<void>;
}

interface Settings {
  lifecycles: (readonly RunwayTaskStep[])[];
  tasksSinceLifecycle: number;
  faults: Record<RunwayStandInTarget, RunwayStandInFault[]>;
  latencyMs: Record<RunwayStandInTarget, number>;
  outputMode: RunwayOutputMode;
  outputOrigin: string;
  estimatedCredits: number | null | undefined;
}

/** The contract's price of one image: 8 or 5 credits for gen4_image by tier, 2 for turbo. */
export function runwayStandInPrice(model: string, ratio: string): number {
  if (model === 'gen4_image_turbo') return 2;
  return RUNWAY_STAND_IN_1080P.includes(ratio) ? 8 : 5;
}

/**
 * The JPEG the stand-in serves for a validated body: the ratio's size, drawn from the prompt and the references, in
 * colours that follow the seed too, so variations (seed, seed + 1, …) look different and a fixed seed repeats.
 */
export function renderRunwayStandInImage(body: RunwayStandInBody): Uint8Array {
  const [width, height] = body.ratio.split(':').map(Number) as [number, number];
  const references: DrawnReference[] = body.referenceImages.map(({ uri }) => decodeReference(uri));
  const palette = paletteText(body.promptText, body.seed === null ? null : `seed ${body.seed}`);
  return encodeStandInJpeg(drawStandInPixels(palette, references, width, height));
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startRunwayStandIn(options: RunwayStandInOptions = {}): Promise<RunwayStandIn> {
  const defaults = (): Settings => ({
    lifecycles: [options.lifecycle ?? DEFAULT_LIFECYCLE],
    tasksSinceLifecycle: 0,
    faults: { create: [], poll: [], delete: [], output: [] },
    latencyMs: { create: 0, poll: 0, delete: 0, output: 0 },
    outputMode: 'jpeg',
    outputOrigin: RUNWAY_STAND_IN_OUTPUT_ORIGIN,
    estimatedCredits: options.estimatedCredits,
  });
  let settings = defaults();
  const requests: RunwayRecordedRequest[] = [];
  const tasks: RunwayStandInTask[] = [];
  const waiters = requestWaiters(requests, 'The Runway stand-in');
  const timers = new Set<NodeJS.Timeout>();
  const rendered = new Map<string, Uint8Array>();

  const waitAsync = (ms: number, res: ServerResponse): Promise<boolean> => waitForClientAsync(ms, res, timers);

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string): void => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void =>
    send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(value));
  const sendError = (res: ServerResponse, status: number, error: string): void => sendJson(res, status, { error });

  const outputBytes = (task: RunwayStandInTask): Uint8Array => {
    if (task.output) return task.output;
    const key = createHash('sha1')
      .update(
        JSON.stringify([
          task.body.ratio,
          task.body.promptText,
          task.body.seed,
          task.body.referenceImages.map((reference) => reference.uri),
        ]),
      )
      .digest('hex');
    const image = rendered.get(key) ?? renderRunwayStandInImage(task.body);
    if (!rendered.has(key) && rendered.size >= RENDER_CACHE_ENTRIES) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, image);
    task.output = image;
    return image;
  };

  const taskJson = (task: RunwayStandInTask): Record<string, unknown> => {
    const step = task.deleted
      ? 'CANCELLED'
      : (task.finishedWith ?? task.lifecycle[Math.min(task.polls, task.lifecycle.length - 1)] ?? 'SUCCEEDED');
    task.polls += 1;
    const [status = '', ...rest] = step.split(':');
    task.lastStatus = status;
    const base = { id: task.id, createdAt: new Date().toISOString(), status };
    if (status === 'RUNNING' && rest.length > 0) return { ...base, progress: Number(rest[0]) };
    if (status === 'SUCCEEDED') {
      return { ...base, output: [`${settings.outputOrigin}/stand-in/${task.id}/output.jpg?sig=${task.signature}`] };
    }
    if (status === 'FAILED') {
      const [code, ...text] = rest;
      if (code === undefined) return { ...base, failure: 'The task failed.' };
      const failure = text.length > 0 ? text.join(':') : (RUNWAY_STAND_IN_FAILURES[code] ?? `Failure ${code}.`);
      return { ...base, failure, failureCode: code };
    }
    return base;
  };

  const checkHeaders = (req: IncomingMessage): { status: number; error: string } | null => {
    const authorization = headerValue(req.headers.authorization);
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      return { status: 401, error: RUNWAY_STAND_IN_ERRORS.unauthorized };
    }
    if (headerValue(req.headers['x-runway-version']) !== RUNWAY_STAND_IN_VERSION)
      return { status: 400, error: RUNWAY_STAND_IN_ERRORS.version };
    return null;
  };

  const record = (req: IncomingMessage, target: RunwayRecordedRequest['target'], rawBody: string): void => {
    let body: unknown = null;
    try {
      body = rawBody === '' ? null : (JSON.parse(rawBody) as unknown);
    } catch {
      body = null;
    }
    requests.push({ method: req.method ?? '', path: req.url ?? '', target, headers: req.headers, body, rawBody });
    waiters.notify();
  };

  /** Answers with the next queued fault for `target`; true when it did. */
  const answerFault = (req: IncomingMessage, res: ServerResponse, target: RunwayStandInTarget): boolean => {
    const fault = settings.faults[target].shift();
    if (fault === undefined) return false;
    if (fault === 'drop') {
      req.socket.destroy();
      return true;
    }
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
    const error =
      fault.error ??
      (fault.status === 429
        ? RUNWAY_STAND_IN_ERRORS.rateLimited
        : fault.status === 401
          ? RUNWAY_STAND_IN_ERRORS.unauthorized
          : fault.status >= 500
            ? RUNWAY_STAND_IN_ERRORS.unavailable
            : RUNWAY_STAND_IN_ERRORS.badRequest);
    sendJson(res, fault.status, { error }, headers);
    return true;
  };

  const createTask = (res: ServerResponse, rawBody: string, upscale: boolean): void => {
    const checked = upscale ? validateUpscaleBody(rawBody) : validateBody(rawBody);
    if ('error' in checked) return sendError(res, 400, checked.error);
    const lifecycle = settings.lifecycles[Math.min(settings.tasksSinceLifecycle, settings.lifecycles.length - 1)] ?? DEFAULT_LIFECYCLE;
    settings.tasksSinceLifecycle += 1;
    const task: RunwayStandInTask = {
      id: randomUUID(),
      body: checked,
      lifecycle,
      polls: 0,
      finishedWith: null,
      deleted: false,
      lastStatus: null,
      signature: randomBytes(12).toString('hex'),
      output: null,
    };
    tasks.push(task);
    const price = upscale ? RUNWAY_STAND_IN_UPSCALE_CREDITS : runwayStandInPrice(checked.model, checked.ratio);
    const credits = settings.estimatedCredits === undefined ? price : settings.estimatedCredits;
    sendJson(res, 200, credits === null ? { id: task.id } : { id: task.id, estimatedCost: { credits } });
  };

  const serveOutput = (res: ServerResponse, path: string, query: string): void => {
    const match = /^\/stand-in\/([0-9a-f-]{36})\/output\.jpg$/.exec(path);
    const task = match ? tasks.find((candidate) => candidate.id === match[1]) : undefined;
    if (!task || task.lastStatus !== 'SUCCEEDED') return sendError(res, 404, 'No such output.');
    if (settings.outputMode === 'expired' || new URLSearchParams(query).get('sig') !== task.signature) {
      return send(res, 403, { 'content-type': 'application/xml' }, '<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>');
    }
    if (settings.outputMode === 'html') return send(res, 200, { 'content-type': 'text/html' }, '<html><body>Not an image</body></html>');
    send(res, 200, { 'content-type': 'image/jpeg' }, outputBytes(task));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBodyAsync(req);
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const taskId = /^\/v1\/tasks\/([^/]+)$/.exec(path)?.[1];
    const target: RunwayRecordedRequest['target'] =
      (path === '/v1/text_to_image' || path === '/v1/image_upscale') && req.method === 'POST'
        ? 'create'
        : taskId !== undefined && req.method === 'GET'
          ? 'poll'
          : taskId !== undefined && req.method === 'DELETE'
            ? 'delete'
            : path.startsWith(`${RUNWAY_STAND_IN_OUTPUT_PREFIX}/`) && req.method === 'GET'
              ? 'output'
              : 'other';
    record(req, target, rawBody ?? '');
    if (rawBody === null) return sendError(res, 413, 'Request body too large.');
    if (target === 'other') {
      return path === '/v1/text_to_image' || path === '/v1/image_upscale' || taskId !== undefined
        ? sendError(res, 405, 'Method not allowed.')
        : sendError(res, 404, `No route ${path}.`);
    }
    if (!(await waitAsync(settings.latencyMs[target], res))) return;
    if (answerFault(req, res, target)) return;
    if (target === 'output') return serveOutput(res, path.slice(RUNWAY_STAND_IN_OUTPUT_PREFIX.length), query);

    const refused = checkHeaders(req);
    if (refused) return sendError(res, refused.status, refused.error);
    if (target === 'create') return createTask(res, rawBody, path === '/v1/image_upscale');
    const task = tasks.find((candidate) => candidate.id === decodeURIComponent(taskId ?? ''));
    if (!task) return sendError(res, 404, RUNWAY_STAND_IN_ERRORS.notFound);
    if (target === 'poll') return sendJson(res, 200, taskJson(task));
    task.deleted = true;
    res.writeHead(204);
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `Stand-in failure: ${String(error)}`);
      else res.destroy();
    });
  });
  // Drawing a large JPEG blocks this process for a while on a busy machine; Node's 5 s keep-alive timeout could then
  // close an idle connection just as fetch reuses it (ECONNRESET). close() ends open connections anyway.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    outputBase: `${url}${RUNWAY_STAND_IN_OUTPUT_PREFIX}`,
    port,
    requests,
    tasks,
    requestsTo: (target) => requests.filter((request) => request.target === target),
    setLifecycle(lifecycle) {
      settings.lifecycles = [lifecycle];
      settings.tasksSinceLifecycle = 0;
    },
    setLifecycles(lifecycles) {
      if (lifecycles.length === 0) throw new Error('setLifecycles needs at least one lifecycle');
      settings.lifecycles = [...lifecycles];
      settings.tasksSinceLifecycle = 0;
    },
    finishTasks(step = 'SUCCEEDED') {
      for (const task of tasks) task.finishedWith = step;
    },
    injectFaults(target, faults) {
      settings.faults[target].push(...faults);
    },
    setLatencyMs(ms, target) {
      for (const key of target === undefined ? (Object.keys(settings.latencyMs) as RunwayStandInTarget[]) : [target])
        settings.latencyMs[key] = ms;
    },
    setOutputMode(mode) {
      settings.outputMode = mode;
    },
    setOutputOrigin(origin) {
      settings.outputOrigin = origin;
    },
    setEstimatedCredits(credits) {
      settings.estimatedCredits = credits;
    },
    outputBytes,
    waitForRequestsAsync: waiters.waitAsync,
    reset() {
      requests.length = 0;
      tasks.length = 0;
      settings = defaults();
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A create body's fields, or Runway's 400 message when the body is not a JSON object. */
function jsonObject(rawBody: string): { readonly fields: Record<string, unknown> } | { readonly error: string } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody) as unknown;
  } catch {
    return { error: 'Request body is not valid JSON.' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'Request body must be a JSON object.' };
  return { fields: body as Record<string, unknown> };
}

/** What the stand-in's upscale task says it may cost (Runway's estimate is the most it may charge). */
export const RUNWAY_STAND_IN_UPSCALE_CREDITS = 10;
const UPSCALE_MODEL = 'magnific_precision_upscaler_v2';
const UPSCALE_FACTORS = [2, 4, 8, 16];
const UPSCALE_FLAVORS = ['sublime', 'photo', 'photo_denoiser'];

/**
 * Checks an image_upscale body as Runway's SDK 4.20 describes it (copied, not imported, so a wrong limit in the
 * plugin shows) and makes it a task body whose "ratio" is the output size: the stand-in draws the input scaled up.
 */
function validateUpscaleBody(rawBody: string): RunwayStandInBody | { error: string } {
  const body = jsonObject(rawBody);
  if ('error' in body) return body;
  const { model, imageUri, scaleFactor = 2, flavor = 'sublime' } = body.fields;
  if (model !== UPSCALE_MODEL) return { error: `model: must be ${UPSCALE_MODEL}.` };
  if (typeof imageUri !== 'string' || !isImageUri(imageUri, MAX_DATA_URI_CHARS)) {
    return { error: 'imageUri: must be an https URL or a PNG, JPEG or WebP data URI under 5 MB.' };
  }
  if (typeof scaleFactor !== 'number' || !UPSCALE_FACTORS.includes(scaleFactor)) return { error: 'scaleFactor: must be 2, 4, 8 or 16.' };
  if (typeof flavor !== 'string' || !UPSCALE_FLAVORS.includes(flavor))
    return { error: `flavor: must be one of ${UPSCALE_FLAVORS.join(', ')}.` };
  const input = decodeReference(imageUri);
  if (input.kind !== 'pixels') return { error: 'imageUri: the image could not be read.' };
  const { width, height } = input.pixels;
  if (Math.min(width, height) < 300 || Math.max(width, height) > 8000) return { error: 'imageUri: each side must be 300 to 8000 px.' };
  if (width * height * scaleFactor * scaleFactor > 25_300_000) return { error: 'scaleFactor: the output would be over 25,300,000 px.' };
  return {
    model,
    promptText: `upscale ${flavor}`,
    ratio: `${width * scaleFactor}:${height * scaleFactor}`,
    referenceImages: [{ uri: imageUri }],
    seed: null,
  };
}

/** Checks a create body like Runway: 400 with a message naming the field. */
function validateBody(rawBody: string): RunwayStandInBody | { error: string } {
  const body = jsonObject(rawBody);
  if ('error' in body) return body;
  const { model, promptText, ratio, referenceImages = [], seed } = body.fields;
  if (typeof model !== 'string' || !MODELS.includes(model)) return { error: `model: must be one of ${MODELS.join(', ')}.` };
  if (typeof promptText !== 'string' || promptText.length < 1) return { error: 'promptText: required, 1 to 1000 characters.' };
  if (promptText.length > 1000) return { error: 'promptText: must be at most 1000 characters.' };
  if (typeof ratio !== 'string' || ![...RUNWAY_STAND_IN_1080P, ...RUNWAY_STAND_IN_720P].includes(ratio)) {
    return { error: `ratio: ${JSON.stringify(ratio)} is not a ratio ${model} supports.` };
  }
  if (!Array.isArray(referenceImages)) return { error: 'referenceImages: must be an array of {uri, tag}.' };
  if (referenceImages.length > 3) return { error: 'referenceImages: at most 3 images.' };
  if (model === 'gen4_image_turbo' && referenceImages.length === 0)
    return { error: 'referenceImages: gen4_image_turbo needs at least 1 image.' };
  const seen = new Set<string>();
  for (const [i, item] of referenceImages.entries()) {
    const { uri, tag } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof uri !== 'string' || !isImageUri(uri, MAX_DATA_URI_CHARS)) {
      return { error: `referenceImages[${i}].uri: must be an https URL or a PNG, JPEG or WebP data URI under 5 MB.` };
    }
    if (tag !== undefined) {
      if (typeof tag !== 'string' || !TAG_PATTERN.test(tag))
        return { error: `referenceImages[${i}].tag: must match ${TAG_PATTERN.source}.` };
      if (seen.has(tag.toLowerCase())) return { error: `referenceImages[${i}].tag: "${tag}" is used twice.` };
      seen.add(tag.toLowerCase());
    }
  }
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    return { error: `seed: must be an integer from 0 to ${MAX_SEED}.` };
  }
  return {
    model,
    promptText,
    ratio,
    referenceImages: referenceImages as RunwayStandInBody['referenceImages'],
    seed: typeof seed === 'number' ? seed : null,
  };
}
