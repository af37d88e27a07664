// What Runway says about a task (CONTRACTS §2): the create answer's task id and estimated cost, what a task's state
// means (waiting with progress, succeeded with where to download its image, failed with why and whether one new
// task may help), and whether the downloaded output is an image.
import { sameTag } from '../../core/tags';
import type { GenerationFailure, GenerationProgress } from './provider';
import { asRecord, clip, parseJson, tidy } from './provider-text';
import { badRequest, quoteBody } from './runway-errors';
import { rewriteOutputUrl } from './runway-requests';

/** A task as the create answer describes it. */
export interface CreatedTask {
  readonly id: string;
  /** `estimatedCost.credits`, when Runway sent it. */
  readonly estimatedCredits: number | null;
}

/** The task id and estimated cost from a create answer's body, or a failure when the body is not one. */
export function parseCreatedTask(
  text: string,
): { readonly ok: true; readonly task: CreatedTask } | { readonly ok: false; readonly failure: GenerationFailure } {
  const json = parseJson(text);
  const record = asRecord(json);
  const id = record?.id;
  if (typeof id !== 'string' || id.trim() === '') {
    return {
      ok: false,
      failure: { kind: 'server', message: `Runway accepted the request but its answer names no task${quoteBody(text)}. Try again.` },
    };
  }
  const credits = asRecord(record?.estimatedCost)?.credits;
  const estimatedCredits = typeof credits === 'number' && Number.isFinite(credits) && credits >= 0 ? credits : null;
  return { ok: true, task: { id, estimatedCredits } };
}

/** What a task's state means for the plugin. */
export type TaskReading =
  | { readonly state: 'waiting'; readonly progress: GenerationProgress }
  | { readonly state: 'succeeded'; readonly downloadUrl: string }
  | { readonly state: 'failed'; readonly failure: GenerationFailure; readonly retryOnce: boolean };

export interface TaskContext {
  /** The relay's output mirror, where the image is downloaded from. */
  readonly outputBase: string;
  /** The request's reference tags, in order, to name a reference Runway could not use. */
  readonly tags: readonly string[];
  /** 1 for the first task of a generation, 2 when an internal failure is being retried. */
  readonly attempt: number;
}

/** Reads a GET /v1/tasks/{id} body: still waiting (with progress), succeeded (where to download), or failed. */
export function readTask(text: string, context: TaskContext): TaskReading {
  const record = asRecord(parseJson(text));
  const status = record?.status;
  switch (status) {
    case 'PENDING':
    case 'THROTTLED':
      // THROTTLED: over the organisation's concurrency. Queued, not refused, so the designer sees "queued".
      return { state: 'waiting', progress: { phase: 'queued' } };
    case 'RUNNING': {
      const progress = record?.progress;
      return {
        state: 'waiting',
        progress:
          typeof progress === 'number' && Number.isFinite(progress)
            ? { phase: 'running', fraction: Math.min(1, Math.max(0, progress)) }
            : { phase: 'running' },
      };
    }
    case 'SUCCEEDED':
      return readSuccess(record?.output, context.outputBase);
    case 'FAILED': {
      const code = typeof record?.failureCode === 'string' && record.failureCode.trim() !== '' ? record.failureCode.trim() : null;
      const said = typeof record?.failure === 'string' ? record.failure : null;
      return { state: 'failed', ...taskFailure(code, said, context) };
    }
    case 'CANCELLED':
      // Not 'cancelled', which is the designer's own Cancel in this panel: this task was ended elsewhere (Runway's
      // DELETE both cancels a running task and deletes a finished one), so its image will never exist.
      return {
        state: 'failed',
        failure: {
          kind: 'gone',
          message:
            'The task was cancelled on Runway’s side (for example from its developer portal) before it finished, so ' +
            'there is no image to fetch. Generate again.',
        },
        retryOnce: false,
      };
    default:
      return {
        state: 'failed',
        failure: {
          kind: 'server',
          message:
            typeof status === 'string'
              ? `Runway reported a task status the plugin does not know ("${clip(status, 30)}"). Please report it.`
              : `Runway’s answer about the task could not be read${quoteBody(text)}. Try again.`,
        },
        retryOnce: false,
      };
  }
}

function readSuccess(output: unknown, outputBase: string): TaskReading {
  const first = Array.isArray(output) ? (output[0] as unknown) : undefined;
  if (typeof first !== 'string' || first === '') {
    return {
      state: 'failed',
      failure: { kind: 'server', message: 'Runway said the image is ready but sent no link to it. Generate again.' },
      retryOnce: false,
    };
  }
  const downloadUrl = rewriteOutputUrl(first, outputBase);
  if (downloadUrl === null) {
    return {
      state: 'failed',
      failure: {
        kind: 'server',
        message:
          `Runway’s answer points the image at ${describeHost(first)}, not at Runway’s output host, so the plugin did ` +
          'not fetch it. Check that the Relay URL in Settings is your team’s relay.',
      },
      retryOnce: false,
    };
  }
  return { state: 'succeeded', downloadUrl };
}

/** The kinds of task failure Runway documents, by how the plugin treats them. */
export type FailureCodeClass = 'safety-input' | 'safety-output' | 'internal' | 'asset' | 'unknown';

/** Which documented class a `failureCode` belongs to. */
export function failureCodeClass(code: string | null): FailureCodeClass {
  if (code === null) return 'unknown';
  if (code.startsWith('SAFETY.INPUT.') || code.startsWith('INPUT_PREPROCESSING.SAFETY')) return 'safety-input';
  if (code.startsWith('SAFETY.')) return 'safety-output';
  // INPUT_PREPROCESSING.INTERNAL: moderation itself failed, a fault on Runway's side like the others.
  if (code === 'INTERNAL' || code.startsWith('INTERNAL.') || code === 'INPUT_PREPROCESSING.INTERNAL') return 'internal';
  if (code === 'ASSET.INVALID' || code.startsWith('ASSET.')) return 'asset';
  return 'unknown';
}

/** The message for a FAILED task, and whether one new task may be tried (internal failures only, never safety). */
export function taskFailure(
  code: string | null,
  failureText: string | null,
  context: Pick<TaskContext, 'tags' | 'attempt'>,
): { readonly failure: GenerationFailure; readonly retryOnce: boolean } {
  const said = failureText === null || failureText.trim() === '' ? null : tidy(failureText);
  const tag = code === null ? '' : ` (${clip(code, 60)})`;
  const quote = said === null ? '' : ` Runway said: "${said}"`;
  switch (failureCodeClass(code)) {
    case 'safety-input':
      // Runway asks that the code's last part be treated as a hint only, so the message names no single culprit.
      return {
        failure: badRequest(
          `Runway’s content moderation rejected this request${tag}. Change the prompt or the references and ` +
            'generate again; the same request would be rejected again.',
        ),
        retryOnce: false,
      };
    case 'safety-output':
      return {
        failure: badRequest(
          `Runway’s content moderation rejected the image it made${tag}. Rephrase the prompt or change the references ` +
            'and generate again.',
        ),
        retryOnce: false,
      };
    case 'internal':
      return {
        failure: {
          kind: 'server',
          message:
            `Runway could not make a usable image${context.attempt > 1 ? ', on two tries' : ''}${tag}.${quote} Text or ` +
            'graphics laid over a reference can cause this: try references without them, or change the prompt.',
        },
        retryOnce: true,
      };
    case 'asset': {
      const reference = namedReference(said, context.tags);
      return {
        failure: badRequest(
          `Runway could not use ${reference ?? 'one of the references'}${tag}.${quote} Check that the layer shows an ` +
            'image (JPEG, PNG or WebP, between 1:2 and 2:1) and generate again.',
        ),
        retryOnce: false,
      };
    }
    case 'unknown':
      return {
        failure: {
          kind: 'server',
          message:
            said === null
              ? `Runway could not make the image${tag} and did not say why. Try again.`
              : `Runway could not make the image${tag}: "${said}"`,
        },
        retryOnce: false,
      };
  }
}

/** "the reference @shoe" when Runway's text points at one (by index or by tag), else null. */
function namedReference(said: string | null, tags: readonly string[]): string | null {
  if (said === null) return null;
  const index = /referenceImages(?:\[|\.)(\d+)/.exec(said)?.[1];
  if (index !== undefined) {
    const tag = tags[Number(index)];
    return tag === undefined ? `reference ${Number(index) + 1}` : `the reference @${tag}`;
  }
  const words = said.split(/[^A-Za-z0-9_]+/);
  const mentioned = tags.find((tag) => words.some((word) => sameTag(word, tag)));
  return mentioned === undefined ? null : `the reference @${mentioned}`;
}

/** What the downloaded output's bytes mean: null when they are an image, else the failure to show. */
export function outputProblem(kind: string | null, byteCount: number, contentType: string | null): GenerationFailure | null {
  if (kind !== null) return null;
  const type = contentType?.split(';')[0]?.trim() || 'no content type';
  return {
    kind: 'not-image',
    message:
      byteCount === 0
        ? 'The download of Runway’s image came back empty. Generate again.'
        : `The download of Runway’s image was not an image (it was ${type}, ${byteCount} bytes). Check the relay and generate again.`,
  };
}

function describeHost(raw: string): string {
  try {
    return `another host (${new URL(raw).host || 'none'})`;
  } catch {
    return 'something that is not a link';
  }
}
