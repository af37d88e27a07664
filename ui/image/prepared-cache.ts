// Reselecting layers makes the sandbox export them again (it can't tell whether a layer changed), and preparing
// a large reference costs a decode and an encode. The same exported bytes make the same reference, so the newest
// few outcomes are kept, found by the whole of their bytes: equal bytes mean an unchanged layer, and a changed
// layer exports other bytes, so it is prepared afresh.
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
import type { PrepareOutcome, prepareReferenceAsync, ReferenceSourceMime } from './prepare-reference';

type PrepareAsync = typeof prepareReferenceAsync;

/**
 * Each entry holds its source bytes and a data URI of up to a few MB, so only a few are kept: as many as a
 * selection shows cards, so that reselecting a whole selection finds every one of them.
 */
export const MAX_PREPARED_ENTRIES = MAX_OFFERED_REFERENCES;

interface Entry {
  readonly bytes: Uint8Array;
  readonly mime: ReferenceSourceMime;
  readonly capEdge: boolean;
  readonly outcome: Promise<PrepareOutcome>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** `prepareAsync`, answering bytes it has prepared lately (same mime and `capEdge`) without preparing them again. */
export function cachePrepared(prepareAsync: PrepareAsync, maxEntries = MAX_PREPARED_ENTRIES): PrepareAsync {
  /** Most recently used first. */
  const entries: Entry[] = [];
  const forget = (entry: Entry): void => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
  };

  return (bytes, mime, capEdge = false) => {
    const index = entries.findIndex((entry) => entry.mime === mime && entry.capEdge === capEdge && sameBytes(entry.bytes, bytes));
    const found = entries[index];
    if (found) {
      entries.splice(index, 1);
      entries.unshift(found);
      // Still being prepared, or done: either way the same outcome, without a second decode.
      return found.outcome;
    }
    // A copy: the caller's array could change after this call, and the key must not change with it.
    const entry: Entry = { bytes: bytes.slice(), mime, capEdge, outcome: prepareAsync(bytes, mime, capEdge) };
    entries.unshift(entry);
    entries.splice(maxEntries);
    // A failure may pass (e.g. no memory for a canvas just now), so it is not kept: the next call tries again.
    entry.outcome.then(
      (outcome) => {
        if (!outcome.ok) forget(entry);
      },
      () => forget(entry),
    );
    return entry.outcome;
  };
}
