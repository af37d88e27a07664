// The panel's session: the hooks of this folder put together, and the sandbox's messages answered with them.
// Everything the panel shows is read from here; ui/app.tsx only lays it out.
import { useState } from 'preact/hooks';
import type { MainToUi } from '../../core/protocol';
import type { Settings } from '../../core/settings';
import { needsRelay } from '../providers/registry';
import type { Services } from '../services';
import { planIterate } from '../state/iterate';
import { cardTagProblems, usableCards } from '../state/references';
import { closingEffect, closingText } from '../state/resume';
import type { ClosingEffect } from '../state/resume';
import { isGenerating } from '../state/run';
import { leftOutNotes, planSending } from '../state/sending';
import { useGeneration } from './use-generation';
import { useQuickRun } from './use-quick-run';
import { useResumedRuns } from './use-resumed-runs';
import { useSettings } from '../state/use-settings';
import { restorePatch } from './use-workspace';
import { presetChoice } from './preset-choice';
import { useClock } from './use-clock';
import { useDraft } from './use-draft';
import { useGenerate } from './use-generate';
import { useGenerateShortcut } from './use-generate-shortcut';
import { useModelChoice } from './use-model-choice';
import { usePlaceInto } from './use-place-into';
import { useReferences } from './use-references';
import { useSandboxMessages } from './use-sandbox-messages';
import { useSeed } from './use-seed';
import { usePanelLayout } from './use-panel-layout';
import { useUpscale } from './use-upscale';

/** True when the chosen provider can't be used until something is set in Settings. */
function needsSetup(settings: Settings): boolean {
  if (settings.relayUrl !== null) return false;
  return needsRelay(settings.provider) || settings.apiKeys[settings.provider] === null;
}

/** The session of the panel rendered with `services`. */
export function useSession(services: Services) {
  const { bridge } = services;
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** Bumped to put the focus in the key field (a first run, a refused key). */
  const [keyFocus, setKeyFocus] = useState(0);
  const openSettingsAtKey = (): void => {
    setSettingsOpen(true);
    setKeyFocus((count) => count + 1);
  };
  const layout = usePanelLayout(bridge);
  const store = useSettings(bridge, {
    onUnseenProblem: () => setSettingsOpen(true),
    // A key (or relay) that makes the provider usable is what Settings was opened for: back to the panel, where
    // "Key saved." shows.
    onAccessSaved: (stored) => {
      if (!needsSetup(stored)) setSettingsOpen(false);
    },
  });
  const { settings } = store;
  const placeInto = usePlaceInto(bridge);
  const choice = useModelChoice(services, store, placeInto.placing.target);
  const { provider, model, maxReferences } = choice;
  const cards = useReferences(services, maxReferences);
  const seed = useSeed(store, model.supportsSeed);
  const draft = useDraft(bridge, {
    ratio: { model: model.id, ratio: choice.chosenRatio },
    variations: settings.variations,
    seed: { text: seed.draft, fixed: seed.fixed },
  });
  const [iterateNotice, setIterateNotice] = useState<string | null>(null);
  /** The current run goes on if the plugin closes (a Runway task with a placeholder to fill). */
  const [runClosing, setRunClosing] = useState<ClosingEffect>('interrupts');
  const [history, setHistory] = useState<MainToUi['history']>({ entries: [], notice: null });
  const generation = useGeneration(services, {
    // Settings at the key field, saying why it opened (the run's own message stays in the panel behind it).
    onAuthFailure: (message) => {
      openSettingsAtKey();
      store.setNotice({
        area: settings.relayUrl !== null && settings.relayToken !== null ? 'relay' : 'key',
        tone: 'danger',
        text: message,
      });
    },
    onFirstImage: seed.imageArrived,
  });
  const resumed = useResumedRuns(services, store.latest, generation);
  const clock = useClock(isGenerating(generation.run));
  const upscale = useUpscale(services, store.latest);

  const { references } = cards;
  const { prompt } = draft;
  const problems = cardTagProblems(references);
  const usable = usableCards(references);
  const sending = planSending(usable, prompt, maxReferences);
  const view = {
    settings,
    provider,
    model,
    ratio: choice.ratio,
    maxReferences,
    prompt,
    references,
    sending,
    seed: seed.parsed,
    placing: placeInto.placing,
    target: placeInto.target,
    title: presetChoice(
      choice,
      draft,
      usable.map((card) => card.tag),
    ).title,
  };
  const entry = useGenerate(generation, view, (target) => {
    draft.flush();
    // What Iterate said was missing is answered by this run's references: the note would only go stale.
    setIterateNotice(null);
    resumed.clear();
    setRunClosing(closingEffect(target.kind, provider.resumeAsync !== undefined));
    clock.reset();
  });
  const { sent } = sending;
  const mentionable = usable.filter((card) => problems[references.cards.indexOf(card)] === null).map((card) => card.tag);
  const quickView = { references, sent, tags: sent.map((card) => card.tag), prompt, blockers: entry.blockers, cost: entry.cost };
  const startQuickRun = useQuickRun(bridge, quickView, generation.run, () => void entry.generateAsync());
  useGenerateShortcut(() => void entry.generateAsync());

  useSandboxMessages(bridge, {
    init({ settings: stored, draft: saved, layout: storedLayout }) {
      layout.restore(storedLayout);
      store.receive(stored);
      seed.restore(stored, saved);
      // What was typed before the plugin closed comes back as it was, picks included.
      draft.restore(saved);
      const patch = saved ? restorePatch(stored, saved) : {};
      if (Object.keys(patch).length > 0) store.save(patch);
      if (needsSetup(stored)) openSettingsAtKey();
    },
    selection(message) {
      placeInto.selection(message);
      cards.selection(message);
    },
    'reference-image': cards.exported,
    'reference-failed': cards.exportFailed,
    'settings-stored': store.stored,
    placed: (message) => generation.placed(message.requestId, message.name),
    'place-failed': (message) => generation.placeFailed(message.requestId, message.message),
    iterate(message) {
      const { relayUrl, relayToken } = settings;
      const plan = planIterate(message, (id, modelId) =>
        services.providerFor({ provider: id, relayUrl, relayToken }).models.some((m) => m.id === modelId && m.supportsSeed),
      );
      if (plan.patch) store.save(plan.patch);
      if (plan.prompt !== null) draft.setPrompt(plan.prompt);
      if (plan.seed !== null) seed.change(plan.seed, true);
      cards.preferTags(plan.tags);
      placeInto.restore(plan.placeInto);
      setIterateNotice(plan.notice);
    },
    history: setHistory,
    reserved: generation.reserved,
    resume: (message) => void resumed.resumeAsync(message, () => setRunClosing('resumes')),
    'upscale-source': (message) => upscale.source(message),
    upscaled: (message) => upscale.upscaled(message),
    'upscale-resume': (message) => void upscale.resumeAsync(message),
    'upscale-failed': (message) => upscale.failed(message),
    'quick-run'(message) {
      draft.borrow(message.prompt);
      startQuickRun();
    },
  });

  return {
    store,
    settingsOpen,
    keyFocus,
    openSettings: () => setSettingsOpen(true),
    /** Back to the panel (also before a key is saved: the panel then says Generate needs one). */
    closeSettings: () => setSettingsOpen(false),
    layout,
    choice,
    placeInto,
    cards,
    problems,
    leftOut: leftOutNotes(sending.left, sending.check.unsentTags, maxReferences),
    draft,
    promptCheck: sending.check,
    recheck: (text: string) => planSending(usable, text, maxReferences).check,
    /** The tags the prompt can mention: usable cards with a valid, unique tag. */
    mentionable,
    presets: presetChoice(
      choice,
      draft,
      usable.map((card) => card.tag),
    ),
    seed,
    generation,
    now: clock.now,
    entry,
    notices: [iterateNotice, resumed.notice],
    closing: closingText(runClosing),
    history,
    openHistory: (id: string) => bridge.post('open-history', { id }),
    reuseHistory: (id: string) => bridge.post('reuse-history', { id }),
    upscale,
  };
}
