// What the panel says about runs that outlive the plugin: while one runs, what closing does; on opening, the runs
// of an earlier session being finished, and how they ended. Pure.
import type { ResumeOutcome } from './use-generation';

function images(count: number): string {
  return count === 1 ? '1 image' : `${count} images`;
}

/** Beside Cancel while a run is under way: what closing the plugin now does to it. */
export function closingText(resumable: boolean): string {
  return resumable
    ? 'You can close the plugin: Runway goes on, and the image is placed when you open the plugin again in this file.'
    : 'Closing the plugin stops this run: its placeholder is marked Interrupted, to generate again with Iterate.';
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
    notes.push(`${images(kept.length)} started before the plugin closed couldn't be fetched now: ${firstKept.message} The plugin tries again when you open it next.`);
  }
  return notes.join(' ');
}
