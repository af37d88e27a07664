// The Runway provider: creates a text_to_image task through the team's relay (Runway refuses browser calls, so
// every request goes to the relay's mirror of its paths), polls the task no faster than Runway allows, downloads
// the image at once (its link expires), and turns every way that can end into an outcome. A cancel or a timeout
// after the task exists also cancels the task on Runway, so it doesn't keep running unseen. resumeAsync watches and
// downloads a task an earlier session created, with the same plumbing; it cancels the task only when the designer
// does, since the panel keeps its id to look again at the next open.
import { sniffImage } from '../../core/image-bytes';
import { RUNWAY_MODELS, runwayModel } from '../../core/models';
import { PROVIDER_LABELS } from '../../core/settings';
import type {
  GeneratedImage,
  GenerationFailure,
  GenerationOptions,
  GenerationOutcome,
  GenerationProgress,
  GenerationRequest,
  ImageProvider,
  ProviderJob,
  UpscaleRequest,
} from './provider';
import {
  browserFetch,
  cancelled,
  failed,
  formatDuration,
  MAX_TIMER_MS,
  redactSecrets,
  startDeadline,
  usableTimeout,
  type Ending,
  type FetchLike,
} from './provider-http';
import { classifyRunwayHttpError, unreachableFailure, type RunwayCall } from './runway-errors';
import { runwayCredentialsProblem, runwayEndpointProblem, runwayRequestProblem } from './runway-request-checks';
import { upscaleRequestBody } from '../../core/upscale';
import {
  buildCreateTaskRequest,
  buildOutputRequest,
  buildTaskRequest,
  buildUpscaleRequest,
  randomSeed,
  type RunwayCredentials,
  type RunwayHttpRequest,
} from './runway-requests';
import { backoffDelayMs, MAX_RETRIES, retryDelayMs } from './runway-retries';
import { outputProblem, parseCreatedTask, readTask, type CreatedTask, type TaskContext, type TaskReading } from './runway-task';

/** A generation usually takes well under a minute, but a THROTTLED task can wait its turn: give up after 5. */
export const DEFAULT_RUNWAY_TIMEOUT_MS = 300_000;
/** Runway asks clients not to poll a task more often than this; a shorter pollIntervalMs is raised to it. */
export const MIN_POLL_INTERVAL_MS = 5_000;
/** One HTTP call gives up after this long, like the official SDK's request timeout. */
export const REQUEST_TIMEOUT_MS = 60_000;
/**
 * How long a best-effort DELETE may take, and how long a create already on its way may still answer after a
 * cancel (its task id is needed to cancel the task it made).
 */
export const CANCEL_WAIT_MS = 5_000;
/** An internal failure is retried once with a new task (CONTRACTS §2); more is not likely to help. */
const MAX_TASKS = 2;

/** Waits `ms`, or less once `signal` aborts; never rejects. Injected so tests don't wait in real time. */
export type SleepAsync = (ms: number, signal: AbortSignal) => Promise<void>;

export interface RunwayProviderOptions {
  /** The relay's Runway mirror, e.g. "http://127.0.0.1:8787/runway" (see runwayBasesForRelay). */
  readonly baseUrl: string;
  /** The relay's mirror of Runway's output host, e.g. "http://127.0.0.1:8787/runway-output". */
  readonly outputBase: string;
  /** Sent as x-relay-token when the relay requires it (it does when it holds the team's Runway key). */
  readonly relayToken?: string;
  readonly fetchImpl?: FetchLike;
  readonly sleepAsync?: SleepAsync;
  /** Floats in [0, 1): seeds and retry jitter. Math.random by default. */
  readonly random?: () => number;
  /** Time between polls; never below MIN_POLL_INTERVAL_MS (the default). */
  readonly pollIntervalMs?: number;
}

interface Config {
  readonly baseUrl: string;
  readonly outputBase: string;
  readonly relayToken: string | undefined;
  readonly fetchImpl: FetchLike;
  readonly sleepAsync: SleepAsync;
  readonly random: () => number;
  readonly pollIntervalMs: number;
}

/** An ImageProvider whose jobs can be resumed, as Runway's tasks can. */
export type ResumableProvider = ImageProvider & Required<Pick<ImageProvider, 'resumeAsync'>>;

/** Runway can also upscale a placed image (issue 12). */
export type RunwayProvider = ResumableProvider & Required<Pick<ImageProvider, 'upscaleAsync'>>;

/** A provider for Runway's gen4_image and gen4_image_turbo, reached through the relay. */
export function createRunwayProvider(options: RunwayProviderOptions): RunwayProvider {
  const config: Config = {
    baseUrl: options.baseUrl,
    outputBase: options.outputBase,
    relayToken: options.relayToken,
    fetchImpl: options.fetchImpl ?? browserFetch,
    sleepAsync: options.sleepAsync ?? sleepAsync,
    random: options.random ?? Math.random,
    pollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, options.pollIntervalMs ?? MIN_POLL_INTERVAL_MS),
  };
  return {
    id: 'runway',
    label: PROVIDER_LABELS.runway,
    models: RUNWAY_MODELS,
    async generateAsync(request, generationOptions) {
      const outcome = await generateAsync(config, request, generationOptions);
      return redactSecrets(outcome, [generationOptions.apiKey, config.relayToken]);
    },
    async resumeAsync(job, generationOptions) {
      const outcome = await resumeAsync(config, job, generationOptions);
      return redactSecrets(outcome, [generationOptions.apiKey, config.relayToken]);
    },
    async upscaleAsync(request, generationOptions) {
      const outcome = await upscaleAsync(config, request, generationOptions);
      return redactSecrets(outcome, [generationOptions.apiKey, config.relayToken]);
    },
  };
}

/** The real sleep: a timer that ends early when `signal` aborts. */
export const sleepAsync: SleepAsync = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    signal.addEventListener('abort', done, { once: true });
  });

/** What became of the task when a run ended early: there was none, it was cancelled on Runway, or it was left running. */
type TaskFate = 'none' | 'cancelled' | 'kept';

/** One generation in progress: its credentials, how it may end early, and the effects it is allowed. */
interface Run {
  readonly config: Config;
  readonly credentials: RunwayCredentials;
  readonly keySent: boolean;
  /** Aborted the moment the caller cancels or the time is up. */
  readonly signal: AbortSignal;
  /** Aborted CANCEL_WAIT_MS after `signal`: how long a create already sent may still answer. */
  readonly graceSignal: AbortSignal;
  readonly timeoutMs: number;
  ending(): Ending | null;
  report(progress: GenerationProgress): void;
  reportJob(job: ProviderJob): void;
  sleepAsync(ms: number): Promise<void>;
  dispose(): void;
}

type Sent =
  | { readonly ok: true; readonly headers: Headers; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly failure: GenerationFailure };

async function generateAsync(config: Config, request: GenerationRequest, options: GenerationOptions): Promise<GenerationOutcome> {
  const credentials = credentialsFor(config, options);
  const problem =
    runwayEndpointProblem(config.baseUrl, config.outputBase) ?? runwayRequestProblem(request) ?? runwayCredentialsProblem(credentials);
  if (problem) return failed(problem);
  const run = startRun(config, credentials, options);
  try {
    const tags = request.references.map((reference) => reference.tag);
    // A fixed seed is the designer's; a drawn one is drawn again for a retry, as the same seed may fail the same way.
    return await runTasksAsync(run, tags, runwayModel(request.model)?.estimateCredits(request.ratio) ?? null, () => {
      const seed = request.seed ?? randomSeed(config.random);
      return { create: buildCreateTaskRequest(config.baseUrl, request, seed, credentials), seed };
    });
  } finally {
    run.dispose();
  }
}

/**
 * Upscales an image with Runway's upscaler through the relay: an image_upscale task, watched and downloaded like a
 * generation (progress, Cancel, timeout, the task and Runway's estimate reported for resuming); its cost is that estimate.
 */
async function upscaleAsync(config: Config, request: UpscaleRequest, options: GenerationOptions): Promise<GenerationOutcome> {
  const credentials = credentialsFor(config, options);
  const built = upscaleRequestBody(request.imageUri, request.factor, request.flavor);
  if (!built.ok) return failed({ kind: 'bad-request', message: built.reason });
  const problem = runwayEndpointProblem(config.baseUrl, config.outputBase) ?? runwayCredentialsProblem(credentials);
  if (problem) return failed(problem);
  const run = startRun(config, credentials, options);
  try {
    return await runTasksAsync(run, [], null, () => ({ create: buildUpscaleRequest(config.baseUrl, built.body, credentials), seed: null }));
  } finally {
    run.dispose();
  }
}

type ResumedJob = ProviderJob & { readonly model: string; readonly ratio: string };

async function resumeAsync(config: Config, job: ResumedJob, options: GenerationOptions): Promise<GenerationOutcome> {
  const credentials = credentialsFor(config, options);
  const problem = runwayEndpointProblem(config.baseUrl, config.outputBase) ?? runwayCredentialsProblem(credentials) ?? jobProblem(job);
  if (problem) return failed(problem);
  const run = startRun(config, credentials, options);
  try {
    // The references are not kept, so the task can't be posted again: even an internal failure is final here.
    const context: TaskContext = { outputBase: config.outputBase, tags: [], attempt: 1 };
    const watched = await watchTaskAsync(run, { taskId: job.id, context, resumed: true });
    if (watched.state === 'failed') return failed(watched.failure);
    return await downloadAsync(run, watched.downloadUrl, {
      seed: job.seed === null ? null : String(job.seed),
      cost: runwayModel(job.model)?.estimateCredits(job.ratio) ?? null,
    });
  } finally {
    run.dispose();
  }
}

function credentialsFor(config: Config, options: GenerationOptions): RunwayCredentials {
  return config.relayToken === undefined ? { apiKey: options.apiKey } : { apiKey: options.apiKey, relayToken: config.relayToken };
}

/** A saved job without an id names no task: asking for `/v1/tasks/` would only reach the wrong route. */
function jobProblem(job: ResumedJob): GenerationFailure | null {
  if (job.id.trim() !== '') return null;
  return { kind: 'gone', message: 'Runway no longer has this task: no task id was saved for it. Generate again.' };
}

/**
 * Runs tasks made by `next` until one ends: each created, reported for resuming (with Runway's estimate), watched
 * and its image downloaded; a task Runway failed internally is made once more. `tags` are the references' (for
 * Runway's words about them); `cost` is the price when Runway gives no estimate.
 */
async function runTasksAsync(
  run: Run,
  tags: readonly string[],
  cost: number | null,
  next: () => { readonly create: RunwayHttpRequest; readonly seed: number | null },
): Promise<GenerationOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const { create, seed } = next();
    const created = await createTaskAsync(run, create);
    if (!created.ok) return failed(created.failure);
    const { task } = created;
    run.reportJob({ id: task.id, seed, credits: task.estimatedCredits });
    // Runway has only just accepted the task: the first poll waits a whole interval.
    await run.sleepAsync(run.config.pollIntervalMs);
    const watched = await watchTaskAsync(run, {
      taskId: task.id,
      context: { outputBase: run.config.outputBase, tags, attempt },
      resumed: false,
    });
    if (watched.state === 'failed') {
      if (watched.retryOnce && attempt < MAX_TASKS) continue;
      return failed(watched.failure);
    }
    return downloadAsync(run, watched.downloadUrl, {
      seed: seed === null ? null : String(seed),
      cost: task.estimatedCredits ?? cost,
    });
  }
}

/** Sends the POST that creates a task (text_to_image or image_upscale) and reads the task it made. */
async function createTaskAsync(
  run: Run,
  create: RunwayHttpRequest,
): Promise<{ readonly ok: true; readonly task: CreatedTask } | { readonly ok: false; readonly failure: GenerationFailure }> {
  const sent = await sendAsync(run, create, 'create');
  if (!sent.ok) return sent;
  const parsed = parseCreatedTask(new TextDecoder().decode(sent.bytes));
  if (!parsed.ok) return parsed;
  // Cancelled or timed out while the create was on its way: the task exists now, so cancel it on Runway too.
  const ending = run.ending();
  if (ending !== null) {
    await cancelTaskAsync(run, parsed.task.id);
    return { ok: false, failure: endingFailure(run, ending, 'cancelled') };
  }
  run.report({ phase: 'queued' });
  return parsed;
}

/** One task to watch, and whether stopping early cancels it. */
interface Watch {
  readonly taskId: string;
  readonly context: TaskContext;
  /**
   * True for a task an earlier session created: the panel keeps its id to look again at the next open, so only the
   * designer's Cancel cancels it on Runway, and a timeout or a lost connection leaves it running. A task this request
   * created is cancelled however watching stops early, so it doesn't run unseen.
   */
  readonly resumed: boolean;
}

/** Polls until the task ends, the first poll at once and then every poll interval. */
async function watchTaskAsync(run: Run, watch: Watch): Promise<Exclude<TaskReading, { state: 'waiting' }>> {
  for (;;) {
    const sent = await sendAsync(run, buildTaskRequest(run.config.baseUrl, watch.taskId, 'GET', run.credentials), 'poll');
    if (!sent.ok) return { state: 'failed', failure: await stopWatchingAsync(run, watch, sent.failure), retryOnce: false };
    const reading = readTask(new TextDecoder().decode(sent.bytes), watch.context);
    if (reading.state !== 'waiting') return reading;
    run.report(reading.progress);
    await run.sleepAsync(run.config.pollIntervalMs);
  }
}

/** Leaves a task that has not ended, cancelling it on Runway or not (see Watch); the failure to show. */
async function stopWatchingAsync(run: Run, watch: Watch, failure: GenerationFailure): Promise<GenerationFailure> {
  const cancels = !watch.resumed || run.ending() === 'cancelled';
  if (cancels) await cancelTaskAsync(run, watch.taskId);
  // Read after the DELETE, which may outlast the run's time.
  const ending = run.ending();
  return ending === null ? failure : endingFailure(run, ending, cancels ? 'cancelled' : 'kept');
}

/** Downloads a finished task's image at once, as its link expires; `about` is what the caller knows of it. */
async function downloadAsync(run: Run, downloadUrl: string, about: Pick<GeneratedImage, 'seed' | 'cost'>): Promise<GenerationOutcome> {
  run.report({ phase: 'downloading' });
  const sent = await sendAsync(run, buildOutputRequest(downloadUrl, run.credentials), 'download');
  if (!sent.ok) return sent;
  const problem = outputProblem(sniffImage(sent.bytes)?.kind ?? null, sent.bytes.length, sent.headers.get('content-type'));
  if (problem) return failed(problem);
  return { ok: true, image: { bytes: sent.bytes, creditsLeft: null, ...about } };
}

/**
 * Sends one call, retrying 408/409/429/5xx answers (and, for idempotent GETs, calls that got no answer) with the
 * SDK's backoff or the server's Retry-After, until it succeeds, can't be retried, or the run ends.
 */
async function sendAsync(run: Run, request: RunwayHttpRequest, call: RunwayCall): Promise<Sent> {
  // A create already on its way may still answer during the grace period, so its task can be cancelled.
  const abortWith = call === 'create' ? run.graceSignal : run.signal;
  for (let retries = 0; ; retries += 1) {
    // A watch replaces this failure with what became of its task (stopWatchingAsync).
    const before = run.ending();
    if (before !== null) return { ok: false, failure: endingFailure(run, before, 'none') };
    const exchanged = await exchangeAsync(run.config.fetchImpl, request, abortWith, REQUEST_TIMEOUT_MS);
    if (exchanged.kind === 'answer') {
      const { status, headers, bytes } = exchanged;
      if (status >= 200 && status < 300) return { ok: true, headers, bytes };
      const ending = run.ending();
      if (ending !== null) return { ok: false, failure: endingFailure(run, ending, 'none') };
      const nowMs = Date.now();
      const delay = retryDelayMs({ status, headers }, retries, run.config.random, nowMs);
      if (delay === null) {
        const answer = { status, headers, text: new TextDecoder().decode(bytes) };
        return { ok: false, failure: classifyRunwayHttpError(answer, { call, keySent: run.keySent, attempts: retries + 1, nowMs }) };
      }
      await run.sleepAsync(delay);
      continue;
    }
    const ending = run.ending();
    if (ending !== null) return { ok: false, failure: endingFailure(run, ending, 'none') };
    // A create that got no answer may have made a task all the same: posting it again could be billed twice.
    if (call === 'create' || retries >= MAX_RETRIES) {
      return { ok: false, failure: exchanged.timedOut ? callTimedOut(call) : unreachableFailure(call, exchanged.detail) };
    }
    await run.sleepAsync(backoffDelayMs(retries, run.config.random));
  }
}

type Exchange =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; readonly bytes: Uint8Array }
  | { readonly kind: 'none'; readonly timedOut: boolean; readonly detail: string };

/** One fetch and its whole body, ended by `abortWith` or after `limitMs`; never throws. */
async function exchangeAsync(fetchImpl: FetchLike, request: RunwayHttpRequest, abortWith: AbortSignal, limitMs: number): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limitMs);
  const onAbort = (): void => controller.abort();
  if (abortWith.aborted) controller.abort();
  else abortWith.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchImpl(request.url, { ...request.init, signal: controller.signal });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { kind: 'answer', status: response.status, headers: response.headers, bytes };
  } catch (error) {
    return { kind: 'none', timedOut, detail: errorDetail(error) };
  } finally {
    clearTimeout(timer);
    abortWith.removeEventListener('abort', onAbort);
  }
}

/** Best effort: asks Runway to cancel the task, waiting at most CANCEL_WAIT_MS and ignoring how it ends. */
async function cancelTaskAsync(run: Run, taskId: string): Promise<void> {
  const request = buildTaskRequest(run.config.baseUrl, taskId, 'DELETE', run.credentials);
  await exchangeAsync(run.config.fetchImpl, request, new AbortController().signal, CANCEL_WAIT_MS);
}

function startRun(config: Config, credentials: RunwayCredentials, options: GenerationOptions): Run {
  const timeoutMs = usableTimeout(options.timeoutMs, DEFAULT_RUNWAY_TIMEOUT_MS);
  const grace = new AbortController();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  // A signal aborted already ends the run at once: it sends nothing but a resumed task's cancel.
  const deadline = startDeadline(options.signal, timeoutMs, () => {
    graceTimer = setTimeout(() => grace.abort(), CANCEL_WAIT_MS);
  });
  return {
    config,
    credentials,
    keySent: credentials.apiKey.trim() !== '',
    signal: deadline.signal,
    graceSignal: grace.signal,
    timeoutMs,
    ending: deadline.ending,
    report(progress) {
      try {
        options.onProgress?.(progress);
      } catch {
        // The panel failing to show progress must not end a generation that is being paid for.
      }
    },
    reportJob(job) {
      try {
        options.onJob?.(job);
      } catch {
        // Nor the panel failing to note the task: this session still watches it to the end.
      }
    },
    async sleepAsync(ms) {
      try {
        await config.sleepAsync(ms, deadline.signal);
      } catch {
        // An injected sleep that fails has only ended early; the run checks whether it should stop.
      }
    },
    dispose() {
      deadline.dispose();
      clearTimeout(graceTimer);
    },
  };
}

function endingFailure(run: Run, ending: Ending, fate: TaskFate): GenerationFailure {
  if (ending === 'cancelled') return cancelled();
  const late = `Runway did not deliver the image within ${formatDuration(run.timeoutMs)}`;
  switch (fate) {
    case 'none':
      return { kind: 'timeout', message: `${late}, so the plugin gave up. Try again in a moment.` };
    case 'cancelled':
      return { kind: 'timeout', message: `${late}, so the plugin gave up and cancelled the task. Try again in a moment.` };
    case 'kept':
      return {
        kind: 'timeout',
        message: `${late}, so the plugin stopped waiting. The task was left running on Runway, so its image can be fetched later.`,
      };
  }
}

function callTimedOut(call: RunwayCall): GenerationFailure {
  const what = call === 'create' ? 'the request to start the image' : call === 'poll' ? 'the task' : 'the download of the image';
  return {
    kind: 'timeout',
    message: `The relay did not answer ${what} within ${formatDuration(REQUEST_TIMEOUT_MS)}. Check that the relay runs and try again.`,
  };
}

/** The runtime's own words ("Failed to fetch", Node's "fetch failed: other side closed"); never holds headers. */
function errorDetail(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== '' ? `${error.message}: ${cause.message}` : error.message;
}
