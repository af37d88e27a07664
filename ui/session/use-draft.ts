// The designer's draft: the prompt and preset typed here, kept with the picks made elsewhere (ratio, variations,
// seed) through closing the plugin, from the moment init restores it, and never while a quick run borrows the prompt.
import { useState } from 'preact/hooks';
import type { Draft } from '../../core/workspace';
import type { Bridge } from '../bridge';
import { useDraftSaving } from './use-workspace';

export interface DraftHandle {
  readonly prompt: string;
  setPrompt(prompt: string): void;
  /** The preset picked ('' for none). */
  readonly presetId: string;
  setPresetId(id: string): void;
  /** Init: the draft kept before the plugin closed, if any, comes back; from now on the draft is kept. */
  restore(saved: Draft | null): void;
  /** A quick run's prompt, which is not the designer's draft: nothing is kept from here on. */
  borrow(prompt: string): void;
  /** Sends the draft now if it changed (a run is starting: the designer may close the plugin at once). */
  flush(): void;
}

/** The draft, kept through `bridge`; `picks` are the parts of it held elsewhere. */
export function useDraft(bridge: Bridge, picks: Omit<Draft, 'prompt' | 'presetId'>): DraftHandle {
  const [prompt, setPrompt] = useState('');
  const [presetId, setPresetId] = useState('');
  const [keeping, setKeeping] = useState(false);
  const saving = useDraftSaving(bridge, { prompt, presetId, ...picks }, keeping);
  return {
    prompt,
    setPrompt,
    presetId,
    setPresetId,
    restore(saved) {
      if (saved) {
        setPrompt(saved.prompt);
        setPresetId(saved.presetId);
      }
      saving.restored(saved);
      setKeeping(true);
    },
    borrow(quickPrompt) {
      setKeeping(false);
      setPrompt(quickPrompt);
    },
    flush: saving.flush,
  };
}
