// What the panel says about runs that outlive the plugin: while one runs, what closing does; on opening, the runs
// of an earlier session being finished, and how they ended. Pure.
import type { FailureKind, GenerationFailure } from '../providers/provider';

/** How runs resumed after the plugin reopened ended. */
export interface ResumeOutcome {
  finished: number;
  /** Runs that ended without an image: their placeholders are released. */
  readonly failed: GenerationFailure[];
  /** Runs that could not be asked about now (no relay, offline, a refused key): they stay for the next open. */
  readonly kept: GenerationFailure[];
}

/** Failures after which a resumed job is still worth asking about at the next open: nothing says it ended. */
const WORTH_ASKING_AGAIN: readonly FailureKind[] = ['unreachable', 'timeout', 'rate-limited', 'auth', 'credits'];

/** True when a resumed job's `failure` leaves it pending rather than ended. */
export function stillPending(failure: GenerationFailure): boolean {
  return WORTH_ASKING_AGAIN.includes(failure.kind);
}

function images(count: number): string {
  return count === 1 ? '1 image' : `${count} images`;
}

/**
 * What closing the plugin does to a run: a Runway task with a placeholder goes on and is placed at the next open; a
 * Segmind run into a placeholder is interrupted (its answer comes on the request); a run into a selected layer or
 * a region has no placeholder to wait in, so it stops.
 */
export type ClosingEffect = 'resumes' | 'interrupts' | 'stops';

/** What closing does to a run placed by `target`'s kind with a provider whose jobs can (or can't) be resumed. */
export function closingEffect(targetKind: string, resumable: boolean): ClosingEffect {
  if (targetKind !== 'new-layer') return 'stops';
  return resumable ? 'resumes' : 'interrupts';
}

const CLOSING_TEXT: Readonly<Record<ClosingEffect, string>> = {
  resumes: 'You can close the plugin: Runway goes on, and the image is placed when you open the plugin again in this file.',
  interrupts: 'Closing the plugin stops this run: its placeholder is marked Interrupted, to generate again with Iterate.',
  stops: 'Closing the plugin stops this run: nothing would be placed.',
};

/** Beside Cancel while a run is under way: what closing the plugin now does to it. */
export function closingText(effect: ClosingEffect): string {
  return CLOSING_TEXT[effect];
}

/** While runs of an earlier session are being finished. */
export function finishingText(count: number): string {
  return `Finishing ${images(count)} started before the plugin closed…`;
}

/** Runs of an earlier session that need a relay the settings no longer have. */
export function needsRelayText(count: number): string {
  return `${images(count)} started before the plugin closed ${count === 1 ? 'is' : 'are'} still with Runway: save the relay in Settings and open the plugin again to fetch ${count === 1 ? 'it' : 'them'}.`;
}

/** How the runs of an earlier session ended, in a sentence or three. */
export function resumeText({ finished, failed, kept }: ResumeOutcome): string {
  const notes: string[] = [];
  if (finished > 0) notes.push(`Finished ${images(finished)} started before the plugin closed.`);
  const [firstFailure] = failed;
  if (firstFailure) {
    const removed = failed.length === 1 ? 'Its placeholder was removed.' : 'Their placeholders were removed.';
    notes.push(`Runway couldn't finish ${images(failed.length)} started before the plugin closed: ${firstFailure.message} ${removed}`);
  }
  const [firstKept] = kept;
  if (firstKept) {
    notes.push(
      `${images(kept.length)} started before the plugin closed couldn't be fetched now: ${firstKept.message} The plugin tries again when you open it next.`,
    );
  }
  return notes.join(' ');
}
