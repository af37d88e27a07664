// Generations under way, as pure data: the placeholder layer each one will fill, and what is needed to finish it
// after the plugin closes. Kept per file in clientStorage (never the key): a Runway task goes on without the
// plugin and is fetched at the next open; a Segmind request ends with the plugin, and the next open says so.
import { isText as text } from './guards';
import { readGenerationFields } from './generation-record';
import type { GenerationParams } from './generation-record';

/** One generation that has a placeholder on the canvas and has not ended yet. */
export interface PendingRun extends Omit<GenerationParams, 'seed'> {
  /** The placeholder layer the image fills. */
  readonly placeholderId: string;
  /** The provider's job (Runway's task id) once it exists; null before, and always for Segmind. */
  readonly jobId: string | null;
  /** The seed the job was made with, when known. */
  readonly jobSeed: number | null;
  /** Date.now() when the run started. */
  readonly startedAt: number;
}

/** clientStorage keys of a file's pending runs start with this, followed by the file's id. */
export const PENDING_RUNS_STORAGE_PREFIX = 'pending-runs/';
/** Runway keeps a task's output for 24–48 h (CONTRACTS §2): after this, a saved task is not worth asking for. */
export const JOB_EXPIRY_MS = 48 * 60 * 60 * 1000;
/** More would be a leak: a run makes at most 4, and each ends or is resumed at the next open. */
const MAX_PENDING_RUNS = 64;

/** The clientStorage key of the pending runs of the file with `fileId`. */
export function pendingRunsStorageKey(fileId: string): string {
  return `${PENDING_RUNS_STORAGE_PREFIX}${fileId}`;
}

function runOf(value: unknown): PendingRun | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = readGenerationFields(value as Record<string, unknown>);
  const { placeholderId, jobId, jobSeed, startedAt } = value as Record<string, unknown>;
  if (!fields || !text(placeholderId) || placeholderId === '') return null;
  if (!(jobId === null || text(jobId)) || !(jobSeed === null || (typeof jobSeed === 'number' && Number.isInteger(jobSeed)))) return null;
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
  return { ...fields, placeholderId, jobId, jobSeed, startedAt };
}

/** A file's pending runs as clientStorage held them: what can't be read is left out. */
export function parsePendingRuns(value: unknown): PendingRun[] {
  return Array.isArray(value)
    ? value
        .map(runOf)
        .filter((run): run is PendingRun => run !== null)
        .slice(-MAX_PENDING_RUNS)
    : [];
}

/** True when `run` goes on without the plugin and can be fetched: a provider job exists and has not expired. */
export function canResume(run: PendingRun, now: number): boolean {
  return run.jobId !== null && now - run.startedAt < JOB_EXPIRY_MS;
}

function images(count: number): string {
  return count === 1 ? '1 image' : `${count} images`;
}

/** What the panel says on opening about runs that could not outlive the plugin; null when there were none. */
export function interruptedNotice(count: number, expired: number): string | null {
  const notes: string[] = [];
  if (count > 0) {
    notes.push(
      `${images(count)} ${count === 1 ? 'was' : 'were'} interrupted when the plugin closed: select ${count === 1 ? 'its placeholder' : 'a placeholder'} and click Iterate to generate again.`,
    );
  }
  if (expired > 0)
    notes.push(
      `${images(expired)} started over 2 days ago could not be fetched any more: ${expired === 1 ? 'its placeholder was' : 'their placeholders were'} removed.`,
    );
  return notes.length > 0 ? notes.join(' ') : null;
}
