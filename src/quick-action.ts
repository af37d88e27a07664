// The quick action's sandbox side: ratio suggestions while the parameters are typed, then a run whose panel stays
// hidden and generates on its own; its outcome comes back as a notification, and the plugin closes.
import {
  checkQuickRatio,
  notificationText,
  QUICK_RATIO_KEY,
  quickRunSettings,
  quickSettingsProblem,
  ratioSuggestions,
  readQuickParameters,
} from '../core/quick-parameters';
import type { Settings } from '../core/settings';
import { postToUi } from './channel';
import { loadSettingsAsync } from './settings';

/** The hidden panel's window: it fetches and hands over the image, nobody looks at it. */
export const QUICK_RUN_UI_OPTIONS: ShowUIOptions = { visible: false };

/**
 * A quick run ends within this long whatever happens in the hidden panel: Runway's own limit is 5 minutes
 * (Segmind's 3), and exporting, preparing and placing get one more. Nobody could cancel it otherwise.
 */
export const QUICK_RUN_LIMIT_MS = 360_000;

/** Answers figma.parameters' input events: the chosen model's ratios matching what is typed; the prompt is free text. */
export function suggestQuickParameters({ key, query, result }: ParameterInputEvent): void {
  if (key !== QUICK_RATIO_KEY) {
    result.setSuggestions([]);
    return;
  }
  void loadSettingsAsync().then((settings) => {
    const suggestions = ratioSuggestions(settings, query);
    if (suggestions.ok) result.setSuggestions(suggestions.value);
    else result.setError(suggestions.error);
  });
}

/** One run started from the quick actions. */
export interface QuickRun {
  /** The settings the hidden panel starts with; null when the run can't start (it has then said why and closed). */
  settingsFor(stored: Settings): Settings | null;
  /** Asks the hidden panel to generate; call after init. */
  start(): void;
  /** Keeps the plugin open until `work` (placing a result, recording it) has finished: closing ends all code. */
  holdCloseFor(work: Promise<unknown>): void;
  /** The panel placed the layer; placing it said so. */
  done(): void;
  /** The panel couldn't make or place the image. */
  failed(message: string): void;
}

/** A quick run with the run event's `parameters`. */
export function createQuickRun(parameters: unknown): QuickRun {
  const typed = readQuickParameters(parameters);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;
  let holding: Promise<unknown> = Promise.resolve();

  /** Closes the plugin, first showing `problem` as an error (null: it went well and placing has said so). */
  function end(problem: string | null): void {
    if (ended) return;
    ended = true;
    if (timer !== null) clearTimeout(timer);
    if (problem !== null) figma.notify(notificationText(problem), { error: true });
    figma.closePlugin();
  }

  return {
    settingsFor(stored) {
      const ratio = typed.ok ? checkQuickRatio(stored, typed.value.ratio) : typed;
      const problem = ratio.ok ? quickSettingsProblem(stored) : ratio.error;
      if (!ratio.ok || problem !== null) {
        end(problem);
        return null;
      }
      return quickRunSettings(stored, ratio.value);
    },
    start() {
      if (!typed.ok || ended) return;
      timer = setTimeout(() => end(`No image after ${QUICK_RUN_LIMIT_MS / 60_000} minutes: the quick action gave up.`), QUICK_RUN_LIMIT_MS);
      postToUi('quick-run', { prompt: typed.value.prompt });
    },
    holdCloseFor(work) {
      holding = Promise.all([holding, work.catch(() => undefined)]);
    },
    done: () => void holding.then(() => end(null)),
    failed: (message) => void holding.then(() => end(message)),
  };
}
