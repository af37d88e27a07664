// The panel's copy of the settings. A change shows at once (the same pure patch the sandbox applies), is sent
// to the sandbox to be stored, and the sandbox's answer — what is really stored — has the last word. The key and
// relay fields live here too: what they hold is typed, never read back from storage, and emptied once saved.
import { useRef, useState } from 'preact/hooks';
import type { MainToUi } from '../../core/protocol';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../core/settings';
import { settingsProblemText } from '../../core/settings-words';
import type { Settings, SettingsPatch } from '../../core/settings';
import type { Bridge } from '../bridge';

/** Which part of Settings a notice belongs to; 'general' for a change made elsewhere in the panel. */
export type NoticeArea = 'key' | 'relay' | 'general';

/** A line in Settings about the last save. */
export interface Notice {
  readonly area: NoticeArea;
  readonly tone: 'info' | 'success' | 'danger';
  readonly text: string;
}

/** What to say in Settings once a save is stored. */
export interface SaveFeedback {
  readonly area: NoticeArea;
  readonly saved: string;
  /** Runs once the sandbox has stored it (e.g. to empty the key field). */
  readonly then?: (stored: Settings) => void;
}

/** How long "Key saved." and the like stay shown. */
export const SAVED_NOTICE_MS = 6000;

/** A field that holds what the designer is typing (not what is saved). */
export interface DraftField {
  readonly draft: string;
  readonly onDraft: (value: string) => void;
}

export interface SettingsHandle {
  readonly settings: Settings;
  /** The settings as of now, within an event before Preact re-renders (e.g. init and the message after it). */
  latest(): Settings;
  readonly notice: Notice | null;
  readonly setNotice: (notice: Notice | null) => void;
  /**
   * Applies `patch` and asks the sandbox to store it; with `feedback`, says "Saving…" and then how it went.
   * Returns false, with the reason as a notice, when the patch is refused (nothing is sent then).
   */
  save(patch: SettingsPatch, feedback?: SaveFeedback): boolean;
  /** The stored settings, as init brings them. */
  receive(settings: Settings): void;
  /** The sandbox's answer to a save. */
  stored(answer: MainToUi['settings-stored']): void;
  /** The chosen provider's API key field, and saving or removing that key. */
  readonly keyField: DraftField;
  saveKey(): void;
  removeKey(): void;
  /** The relay URL and token fields, and saving or removing the relay. */
  readonly relayUrlField: DraftField;
  readonly relayTokenField: DraftField;
  saveRelay(): void;
  removeRelay(): void;
}

/** What the settings tell the rest of the panel. */
export interface SettingsHooks {
  /** A save made outside Settings failed: Settings should show why. */
  onUnseenProblem(): void;
  /** A key or a relay was saved; `stored` holds it. */
  onAccessSaved?(stored: Settings): void;
}

/** Settings kept in step with the sandbox through `bridge`. */
export function useSettings(bridge: Bridge, hooks: SettingsHooks): SettingsHandle {
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Refs, not state: two saves in one event must build on each other before Preact re-renders.
  const current = useRef(DEFAULT_SETTINGS);
  const lastId = useRef(0);
  const waiting = useRef(new Map<number, SaveFeedback>());
  const [keyDraft, setKeyDraft] = useState('');
  const [relayUrlDraft, setRelayUrlDraft] = useState('');
  const [relayTokenDraft, setRelayTokenDraft] = useState('');

  function adopt(next: Settings): void {
    current.current = next;
    setSettings(next);
  }

  function save(patch: SettingsPatch, feedback?: SaveFeedback): boolean {
    const applied = applySettingsPatch(current.current, patch);
    if (!applied.ok) {
      setNotice({ area: feedback?.area ?? 'general', tone: 'danger', text: settingsProblemText(applied.error) });
      return false;
    }
    adopt(applied.value);
    lastId.current += 1;
    if (feedback) {
      waiting.current.set(lastId.current, feedback);
      setNotice({ area: feedback.area, tone: 'info', text: 'Saving…' });
    }
    bridge.post('save-settings', { id: lastId.current, patch });
    return true;
  }

  return {
    settings,
    latest: () => current.current,
    notice,
    setNotice,
    save,
    receive(stored) {
      adopt(stored);
      setRelayUrlDraft(stored.relayUrl ?? '');
    },
    stored({ id, settings: storedSettings, error }) {
      const feedback = waiting.current.get(id);
      waiting.current.delete(id);
      // The sandbox applies saves in order: only the answer to the latest one holds every change made so far.
      if (id === lastId.current) adopt(storedSettings);
      if (error !== null) {
        setNotice({
          area: feedback?.area ?? 'general',
          tone: 'danger',
          text: typeof error === 'string' ? error : settingsProblemText(error),
        });
        if (!feedback) hooks.onUnseenProblem();
      } else if (feedback) {
        const saved: Notice = { area: feedback.area, tone: 'success', text: feedback.saved };
        setNotice(saved);
        // A confirmation has said what it had to: it goes after a moment, unless another notice took its place.
        setTimeout(() => setNotice((shown) => (shown === saved ? null : shown)), SAVED_NOTICE_MS);
        feedback.then?.(storedSettings);
      }
    },
    keyField: { draft: keyDraft, onDraft: setKeyDraft },
    saveKey() {
      const key = keyDraft.trim();
      if (key === '') {
        setNotice({ area: 'key', tone: 'danger', text: 'Paste your API key into the field first.' });
        return;
      }
      save(
        { apiKey: { provider: settings.provider, key } },
        {
          area: 'key',
          saved: 'Key saved.',
          then: (stored) => {
            setKeyDraft('');
            hooks.onAccessSaved?.(stored);
          },
        },
      );
    },
    removeKey() {
      save({ apiKey: { provider: settings.provider, key: null } }, { area: 'key', saved: 'Key removed.' });
    },
    relayUrlField: { draft: relayUrlDraft, onDraft: setRelayUrlDraft },
    relayTokenField: { draft: relayTokenDraft, onDraft: setRelayTokenDraft },
    saveRelay() {
      const token = relayTokenDraft.trim();
      save(
        { relayUrl: relayUrlDraft, ...(token === '' ? {} : { relayToken: token }) },
        {
          area: 'relay',
          saved: 'Relay saved.',
          then: (stored) => {
            setRelayUrlDraft(stored.relayUrl ?? '');
            setRelayTokenDraft('');
            hooks.onAccessSaved?.(stored);
          },
        },
      );
    },
    removeRelay() {
      save({ relayUrl: null, relayToken: null }, { area: 'relay', saved: 'Relay removed.', then: () => setRelayUrlDraft('') });
    },
  };
}
