// The runs an earlier session started, finished when the plugin opens again: the sandbox hands them over after
// init, the Runway provider built from the stored settings fetches each into its placeholder (through the run of
// use-generation.ts, so status, Cancel and Place again work as for any run), and the panel says how it went.
import { interruptedNotice } from '../../core/pending-run';
import { useState } from 'preact/hooks';
import type { MainToUi } from '../../core/protocol';
import type { Settings } from '../../core/settings';
import type { Services } from '../services';
import { finishingText, needsRelayText, resumeText } from '../state/resume';
import type { useGeneration } from './use-generation';

export interface ResumedRuns {
  /** What the panel says about them, or null. */
  readonly notice: string | null;
  /** Drops the notice (a new run makes it stale). */
  clear(): void;
  /** Finishes `message`'s runs; `onStart` runs when their run starts. */
  resumeAsync(message: MainToUi['resume'], onStart: () => void): Promise<void>;
}

/** Resumed runs for the panel; `latest` reads the settings as of now (init comes just before). */
export function useResumedRuns(services: Services, latest: () => Settings, generation: ReturnType<typeof useGeneration>): ResumedRuns {
  const [notice, setNotice] = useState<string | null>(null);
  return {
    notice,
    clear: () => setNotice(null),
    async resumeAsync({ runs, interrupted, expired }, onStart) {
      const sandboxNotice = interruptedNotice(interrupted, expired);
      const say = (text: string | null): void => setNotice([sandboxNotice, text].filter((part) => part !== null).join(' ') || null);
      say(null);
      if (runs.length === 0) return;
      const stored = latest();
      const runway = services.providerFor({ provider: 'runway', relayUrl: stored.relayUrl, relayToken: stored.relayToken });
      if (!runway.resumeAsync) {
        say(needsRelayText(runs.length));
        return;
      }
      say(finishingText(runs.length));
      onStart();
      say(resumeText(await generation.resumeAsync(runs, runway, stored.apiKeys.runway ?? '')));
    },
  };
}
