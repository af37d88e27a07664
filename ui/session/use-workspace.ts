// Keeping the designer's work through closing the plugin: the panel's draft and its tag edits go to the sandbox
// (which keeps them per file in clientStorage) a moment after they change, so typing doesn't write at every key.
import { useEffect, useRef } from 'preact/hooks';
import { findRatio } from '../../core/ratios';
import { modelRatios, parseSeed } from '../../core/settings';
import type { Settings, SettingsPatch } from '../../core/settings';
import type { Draft } from '../../core/workspace';
import type { Bridge } from '../bridge';

/** How long a change must rest before it is sent to be kept: at most this much typing is lost to a sudden close. */
export const SAVE_DELAY_MS = 300;

export interface DraftSaving {
  /** Tells the hook what the sandbox already holds, so restoring a draft doesn't write it straight back. */
  restored(stored: Draft | null): void;
  /** Sends the draft now if it changed: before a run, which the designer may close the plugin on at once. */
  flush(): void;
}

/**
 * Sends `draft` to be kept once it has rested SAVE_DELAY_MS, while `enabled` (from the restore on, and never in a
 * quick run, whose prompt is not the designer's draft).
 */
export function useDraftSaving(bridge: Bridge, draft: Draft, enabled: boolean): DraftSaving {
  const last = useRef<string | null>(null);
  const text = JSON.stringify(draft);
  const latest = useRef({ text, enabled });
  latest.current = { text, enabled };
  const send = (): void => {
    const now = latest.current;
    if (!now.enabled || now.text === last.current) return;
    last.current = now.text;
    bridge.post('save-draft', { draft: JSON.parse(now.text) as Draft });
  };
  useEffect(() => {
    if (!enabled || text === last.current) return undefined;
    const timer = setTimeout(send, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [bridge, enabled, text]);
  return {
    restored(stored) {
      last.current = stored === null ? null : JSON.stringify(stored);
    },
    flush: send,
  };
}

/** A function that keeps a layer's edited tag, sent once the edit has rested SAVE_DELAY_MS (per layer). */
export function useTagSaving(bridge: Bridge): (layerId: string, tag: string) => void {
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => () => timers.current.forEach((timer) => clearTimeout(timer)), []);
  return (layerId, tag) => {
    clearTimeout(timers.current.get(layerId));
    timers.current.set(
      layerId,
      setTimeout(() => {
        timers.current.delete(layerId);
        bridge.post('save-tag', { layerId, tag });
      }, SAVE_DELAY_MS),
    );
  };
}

/** The settings change that restoring `draft` over `stored` needs (its ratio, variations and fixed seed); {} for none. */
export function restorePatch(stored: Settings, draft: Draft): SettingsPatch {
  const { ratio, variations } = draft;
  const ratioPatch =
    ratio && findRatio(modelRatios(ratio.model) ?? [], ratio.ratio) && stored.ratios[ratio.model] !== ratio.ratio ? { ratio } : {};
  // A fixed seed typed wrong stays in the field, with its problem shown; the stored seed stays as it was.
  const parsed = draft.seed.fixed ? parseSeed(draft.seed.text) : null;
  const seed = parsed === null ? null : parsed.ok ? parsed.value : stored.seed;
  return {
    ...ratioPatch,
    ...(variations !== stored.variations ? { variations } : {}),
    ...(seed !== stored.seed ? { seed } : {}),
  };
}
