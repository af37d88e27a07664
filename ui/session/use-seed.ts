// The Seed field: what is typed and whether it is fixed (both kept with the draft), the stored seed it saves,
// and the last image's seed, which it takes so that ticking Fixed seed makes that image (and its row) again.
import { useRef, useState } from 'preact/hooks';
import { parseSeed } from '../../core/settings';
import type { Checked, Settings } from '../../core/settings';
import type { Draft } from '../../core/workspace';
import type { GeneratedImage } from '../providers/provider';
import type { SettingsHandle } from '../state/use-settings';

export interface SeedInput {
  readonly draft: string;
  readonly fixed: boolean;
  /** The fixed seed as typed, checked; null when the model takes no seed or none is fixed. */
  readonly parsed: Checked<number> | null;
  /** The seed of the last run's first image, or null. */
  readonly lastSeed: string | null;
  /** Sets the field and stores the seed it fixes (none when not fixed; a mistyped one keeps the stored seed). */
  change(draft: string, fixed: boolean): void;
  /** The field as the plugin opens: the draft's when one was kept, else the stored seed's. */
  restore(stored: Settings, saved: Draft | null): void;
  /** A run's first image arrived. */
  imageArrived(image: GeneratedImage): void;
}

/** The Seed field, saving through `store`; `supportsSeed` is the current model's. */
export function useSeed(store: SettingsHandle, supportsSeed: boolean): SeedInput {
  const [draft, setDraft] = useState('');
  const [fixed, setFixed] = useState(false);
  const [lastSeed, setLastSeed] = useState<string | null>(null);
  // A ref, not state: an image can arrive in the same event as the designer's tick, before Preact re-renders.
  const fixedNow = useRef(fixed);
  fixedNow.current = fixed;

  return {
    draft,
    fixed,
    parsed: supportsSeed && fixed ? parseSeed(draft) : null,
    lastSeed,
    change(text, fix) {
      setDraft(text);
      setFixed(fix);
      const parsed = parseSeed(text);
      if (!fix) store.save({ seed: null });
      else if (parsed.ok) store.save({ seed: parsed.value });
    },
    restore(stored, saved) {
      setFixed(saved?.seed.fixed ?? stored.seed !== null);
      setDraft(saved?.seed.text ?? (stored.seed === null ? '' : String(stored.seed)));
    },
    imageArrived(image) {
      setLastSeed(image.seed);
      // A random seed is shown in the field, so fixing it makes this image (and this row) again.
      if (!fixedNow.current && image.seed !== null && parseSeed(image.seed).ok) setDraft(image.seed);
    },
  };
}
