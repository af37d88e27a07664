// This file's pending runs (core/pending-run.ts) in figma.clientStorage: a run's placeholders are recorded when they
// are made, its job when the provider accepts it, and the entry goes when the placeholder is filled or released.
// Read once per run of the plugin, then each change is applied in order and written at once: the plugin may close a
// moment after the job arrives, and a write still waiting in a queue then would never happen.
import { parsePendingRuns, pendingRunsStorageKey } from '../core/pending-run';
import type { PendingRun } from '../core/pending-run';
import { fileId, fileStorageKey } from './file-id';

/** The runs as this run of the plugin knows them (its `figma`: a new run reads storage again). */
let known: { readonly run: PluginAPI; readonly key: string; runs: Promise<PendingRun[]> } | null = null;

async function readAsync(key: string): Promise<PendingRun[]> {
  return parsePendingRuns(await figma.clientStorage.getAsync(key).catch(() => undefined));
}

function knownFor(key: string): NonNullable<typeof known> {
  if (known?.run !== figma || known.key !== key) known = { run: figma, key, runs: readAsync(key) };
  return known;
}

/** Changes this file's pending runs with `change` after every earlier change; a file without an id gets one. */
export function changePendingRunsAsync(change: (runs: PendingRun[]) => PendingRun[]): Promise<void> {
  // A file Figma won't let the plugin mark (view only): the run goes on, only the next open can't tell of it.
  const key = fileStorageKey(pendingRunsStorageKey);
  if (key === null) return Promise.resolve();
  const entry = knownFor(key);
  let written: Promise<void> = Promise.resolve();
  entry.runs = entry.runs.then((runs) => {
    const next = change(runs);
    written = (next.length === 0 ? figma.clientStorage.deleteAsync(key) : figma.clientStorage.setAsync(key, next)).catch(() => undefined);
    return next;
  });
  return entry.runs.then(() => written);
}

/** This file's pending runs as stored (none for a file without an id: nothing was ever started in it). */
export async function readPendingRunsAsync(): Promise<PendingRun[]> {
  const id = fileId(false);
  return id === null ? [] : [...(await knownFor(pendingRunsStorageKey(id)).runs)];
}
