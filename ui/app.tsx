// The panel: holds what the designer has entered, follows the sandbox's messages, and runs a generation
// from the provider's answer to the placed layer. Everything outside the page comes in through `services`.
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { dispatch, MAX_REFERENCES } from '../core/protocol';
import { NO_TARGET, placeTargetFor, sizeLabel, targetRatio } from '../core/place-into';
import type { SnapshotTarget } from '../core/place-into';
import type { Handlers, MainToUi, PlaceInto } from '../core/protocol';
import { parseSeed, ratioFor } from '../core/settings';
import type { Settings } from '../core/settings';
import { CostLimitField } from './components/cost-limit-field';
import { GeneratePanel } from './components/generate-panel';
import { HistoryList } from './components/history-list';
import { ModelField } from './components/model-field';
import { PlaceIntoField } from './components/place-into-field';
import { DropZone } from './components/drop-zone';
import { PresetField } from './components/preset-field';
import { PromptField } from './components/prompt-field';
import { RatioField } from './components/ratio-field';
import { ReferenceList } from './components/reference-list';
import { SeedField } from './components/seed-field';
import { SettingsPanel } from './components/settings-panel';
import { modelOf } from './providers/provider';
import type { GeneratedImage } from './providers/provider';
import { checkCost, cheapestPrice, effectiveLimit, pricePerImage } from './state/cost-guard';
import { questionReasons, questionText } from './state/generate-question';
import { needsRelay } from './providers/registry';
import type { Services } from './services';
import { planIterate } from './state/iterate';
import { placingNote, snapshotTargetOf, targetFor } from './state/place-into';
import { presetsFor } from './state/presets';
import { generateBlockers } from './state/readiness';
import { cardTagProblems, isReady, NO_REFERENCES, referencesReducer, usableCards } from './state/references';
import { leftOutNotes, planSending } from './state/sending';
import { isFileId, withFileCards } from './state/dropped-files';
import { isBusy, isGenerating } from './state/run';
import { useGeneration } from './state/use-generation';
import { useFileReferences } from './state/use-file-references';
import { useQuickRun } from './state/quick-run';
import { useSettings } from './state/use-settings';
import { restorePatch, useDraftSaving, useTagSaving } from './state/use-workspace';
import { closingEffect, closingText } from './state/resume';
import type { ClosingEffect } from './state/resume';
import { useResumedRuns } from './state/use-resumed-runs';

const TICK_MS = 1000;

/** True when the chosen provider can't be used until something is set in Settings. */
function needsSetup(settings: Settings): boolean {
  if (settings.relayUrl !== null) return false;
  return needsRelay(settings.provider) || settings.apiKeys[settings.provider] === null;
}

/** The plugin panel. */
export function App({ services }: { readonly services: Services }) {
  const { bridge } = services;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const store = useSettings(bridge, () => setSettingsOpen(true));
  const { settings } = store;
  const provider = useMemo(
    () => services.providerFor({ provider: settings.provider, relayUrl: settings.relayUrl, relayToken: settings.relayToken }),
    [services, settings.provider, settings.relayUrl, settings.relayToken],
  );
  const model = modelOf(provider, settings.models[settings.provider]);
  // Not a setting: every run of the plugin starts in New layer (see PlaceInto).
  const [placeInto, setPlaceInto] = useState<PlaceInto>('new-layer');
  const [snapshotTarget, setSnapshotTarget] = useState<SnapshotTarget>(NO_TARGET);
  const placing = targetFor(placeInto, snapshotTarget);
  // Into a layer or region the image fills it: its ratio follows the target's shape, not the designer's choice.
  const fitted = targetRatio(model.ratios, placing.target);
  const ratio = fitted?.value ?? ratioFor(settings, model);
  const apiKey = settings.apiKeys[settings.provider];

  const [keyDraft, setKeyDraft] = useState('');
  const [relayUrlDraft, setRelayUrlDraft] = useState('');
  const [relayTokenDraft, setRelayTokenDraft] = useState('');
  const [seedDraft, setSeedDraft] = useState('');
  const [seedFixed, setSeedFixed] = useState(false);
  const [layerReferences, dispatchReferences] = useReducer(referencesReducer, NO_REFERENCES);
  const maxReferences = Math.min(model.maxReferences, MAX_REFERENCES);
  const fileReferences = useFileReferences(services.prepareReferenceAsync, layerReferences, maxReferences);
  const references = withFileCards(layerReferences, fileReferences.files.cards);
  const [prompt, setPrompt] = useState('');
  const [presetId, setPresetId] = useState('');
  /** From init on, the draft is kept as it changes; never in a quick run. */
  const [keepingDraft, setKeepingDraft] = useState(false);
  const [iterateNotice, setIterateNotice] = useState<string | null>(null);
  /** The current run goes on if the plugin closes (a Runway task with a placeholder to fill). */
  const [runClosing, setRunClosing] = useState<ClosingEffect>('interrupts');
  const [history, setHistory] = useState<MainToUi['history']>({ entries: [], notice: null });
  const [lastImage, setLastImage] = useState<GeneratedImage | null>(null);
  const generation = useGeneration(services, {
    onAuthFailure: () => setSettingsOpen(true),
    onFirstImage(image) {
      setLastImage(image);
      // A random seed is shown in the field, so fixing it makes this image (and this row) again.
      if (!seedFixedNow.current && image.seed !== null && parseSeed(image.seed).ok) setSeedDraft(image.seed);
    },
  });
  const { run, seenPrices } = generation;
  const resumed = useResumedRuns(services, store.latest, generation);
  /** Generate was pressed for a run over the cost limit: the panel asks instead of starting. */
  const [asking, setAsking] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  // Refs, not state: they must be current within one event, before Preact re-renders.
  const latestVersion = useRef(0);
  const seedFixedNow = useRef(seedFixed);
  seedFixedNow.current = seedFixed;

  const presets = presetsFor(model.ratios);
  // A preset shows as chosen only while the ratio is its own: picking another ratio returns the field to None.
  const preset = presets.find((offered) => offered.preset.id === presetId && offered.ratio.value === ratio) ?? null;
  const draftSaving = useDraftSaving(
    bridge,
    {
      prompt,
      presetId,
      // The ratio picked for the model: one fitted to a target follows the target, not the designer.
      ratio: { model: model.id, ratio: ratioFor(settings, model) },
      variations: settings.variations,
      seed: { text: seedDraft, fixed: seedFixed },
    },
    keepingDraft,
  );
  const saveTag = useTagSaving(bridge);

  const problems = cardTagProblems(references);
  const usable = usableCards(references);
  const sending = planSending(usable, prompt, maxReferences);
  const { check } = sending;
  const seed = model.supportsSeed && seedFixed ? parseSeed(seedDraft) : null;
  const cheapest = cheapestPrice(provider.id, model, seenPrices);
  const cost = checkCost({
    count: settings.variations,
    price: pricePerImage(provider.id, model, ratio, seenPrices),
    cheapest,
    limit: settings.costLimit,
  });
  const questionInput = { cost, unknownTags: check.unknownTags, unsentTags: check.unsentTags, maxReferences };
  const blockers = generateBlockers({
    providerLabel: provider.label,
    needsRelay: needsRelay(settings.provider),
    hasRelay: settings.relayUrl !== null,
    hasKey: apiKey !== null,
    seedProblem: seed && !seed.ok ? seed.error : null,
    promptBlockers: check.blockers,
    references,
    sent: sending.sent,
    minReferences: model.minReferences,
    targetProblem: placing.problem,
  });

  function prepare(message: MainToUi['reference-image']): void {
    const { version, id } = message;
    // A newer selection has arrived: this image would only be thrown away.
    if (version !== latestVersion.current) return;
    dispatchReferences({ type: 'exported', version, id });
    void services
      .prepareReferenceAsync(message.bytes, message.mime)
      .catch((error: unknown) => ({ ok: false as const, message: String(error) }))
      .then((outcome) =>
        dispatchReferences(
          outcome.ok
            ? { type: 'prepared', version, id, uri: outcome.reference.uri }
            : { type: 'failed', version, id, message: `Couldn't prepare this layer: ${outcome.message}` },
        ),
      );
  }

  const handlers: Handlers<MainToUi> = {
    init({ settings: stored, draft: saved }) {
      store.receive(stored);
      setRelayUrlDraft(stored.relayUrl ?? '');
      setSeedFixed(saved?.seed.fixed ?? stored.seed !== null);
      setSeedDraft(saved?.seed.text ?? (stored.seed === null ? '' : String(stored.seed)));
      if (saved) {
        // What was typed before the plugin closed: the prompt and picks come back as they were.
        setPrompt(saved.prompt);
        setPresetId(saved.presetId);
        const patch = restorePatch(stored, saved);
        if (Object.keys(patch).length > 0) store.save(patch);
      }
      draftSaving.restored(saved);
      setKeepingDraft(true);
      if (needsSetup(stored)) setSettingsOpen(true);
    },
    selection(message) {
      latestVersion.current = Math.max(latestVersion.current, message.version);
      setSnapshotTarget(snapshotTargetOf(message));
      const reserved = fileReferences.files.cards.map((card) => card.tag);
      dispatchReferences({ type: 'snapshot', snapshot: message, reserved });
    },
    'reference-image': prepare,
    'reference-failed'(message) {
      dispatchReferences({ type: 'failed', version: message.version, id: message.id, message: message.message });
    },
    'settings-stored': store.stored,
    placed(message) {
      generation.placed(message.requestId, message.name);
    },
    'place-failed'(message) {
      generation.placeFailed(message.requestId, message.message);
    },
    iterate(message) {
      const plan = planIterate(message, (id, modelId) =>
        services
          .providerFor({ provider: id, relayUrl: settings.relayUrl, relayToken: settings.relayToken })
          .models.some((m) => m.id === modelId && m.supportsSeed),
      );
      if (plan.patch) store.save(plan.patch);
      if (plan.prompt !== null) setPrompt(plan.prompt);
      if (plan.seed !== null) changeSeed(plan.seed, true);
      dispatchReferences({ type: 'prefer-tags', tags: plan.tags });
      setPlaceInto(plan.placeInto);
      setIterateNotice(plan.notice);
    },
    history: setHistory,
    reserved: generation.reserved,
    resume(message) {
      void resumed.resumeAsync(message, () => setRunClosing('resumes'));
    },
    'quick-run'(message) {
      // The quick action's prompt is not the designer's draft: it is never kept.
      setKeepingDraft(false);
      setPrompt(message.prompt);
      startQuickRun();
    },
  };
  const currentHandlers = useRef(handlers);
  currentHandlers.current = handlers;
  // A layout effect runs within render(), before the iframe's load event; a plain effect waits for a paint, and
  // Figma hands over the messages it queued (init first) as soon as the iframe loads, so they would be lost.
  useLayoutEffect(() => bridge.subscribe((message) => dispatch(currentHandlers.current, message)), [bridge]);

  async function generateAsync(confirmed = false): Promise<void> {
    const target = placeTargetFor(placeInto, placing.target);
    if (blockers.length > 0 || isBusy(run) || generation.isStarting() || target === null) return;
    // Over the limit, or naming a tag no sent reference has: ask instead, keeping everything entered; "Generate
    // anyway" comes back here confirmed.
    const ask = questionReasons(questionInput).length > 0 && !confirmed;
    setAsking(ask);
    if (ask) return;
    draftSaving.flush();
    // All ready: the blockers wait for every card that is sent.
    const cards = sending.sent.filter(isReady);
    // What Iterate said was missing is answered by this run's references: the note would only go stale.
    setIterateNotice(null);
    resumed.clear();
    setRunClosing(closingEffect(target.kind, provider.resumeAsync !== undefined));
    setNow(Date.now());
    await generation.startAsync({
      provider,
      model: model.id,
      prompt,
      ratio,
      references: cards.map((card) => ({ uri: card.image.uri, tag: card.tag })),
      records: cards.map((card) => ({ tag: card.tag, layerId: card.id, layerName: card.name })),
      seed: seed?.ok ? seed.value : null,
      count: settings.variations,
      target,
      apiKey: apiKey ?? '',
    });
  }

  const generate = useRef(generateAsync);
  generate.current = generateAsync;
  const quickView = { references, sent: sending.sent, tags: sending.sent.map((card) => card.tag), prompt, blockers, cost };
  const startQuickRun = useQuickRun(bridge, quickView, run, () => void generate.current());
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void generate.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const generating = isGenerating(run);
  useEffect(() => {
    if (!generating) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [generating]);

  function saveKey(): void {
    const key = keyDraft.trim();
    if (key === '') {
      store.setNotice({ area: 'key', tone: 'danger', text: 'Paste your API key into the field first.' });
      return;
    }
    store.save({ apiKey: { provider: settings.provider, key } }, { area: 'key', saved: 'Key saved.', then: () => setKeyDraft('') });
  }

  function saveRelay(): void {
    const token = relayTokenDraft.trim();
    store.save(
      { relayUrl: relayUrlDraft, ...(token === '' ? {} : { relayToken: token }) },
      {
        area: 'relay',
        saved: 'Relay saved.',
        then: (stored) => {
          setRelayUrlDraft(stored.relayUrl ?? '');
          setRelayTokenDraft('');
        },
      },
    );
  }

  function changeRatio(value: string): void {
    store.save({ ratio: { model: model.id, ratio: value } });
  }

  function choosePreset(id: string): void {
    setPresetId(id);
    const chosen = presets.find((offered) => offered.preset.id === id);
    if (!chosen) return;
    if (chosen.ratio.value !== ratio) changeRatio(chosen.ratio.value);
    // Never over typed text: then the starter is offered by "Use starter" instead.
    if (prompt.trim() === '') setPrompt(chosen.preset.starter);
  }

  function changeSeed(draft: string, fixed: boolean): void {
    setSeedDraft(draft);
    setSeedFixed(fixed);
    const parsed = parseSeed(draft);
    if (!fixed) store.save({ seed: null });
    else if (parsed.ok) store.save({ seed: parsed.value });
  }

  return (
    <main class="panel">
      <header class="row spread">
        <h1>
          {model.label} <span class="hint">via {provider.label}</span>
        </h1>
        <button type="button" aria-expanded={settingsOpen} aria-controls="settings" onClick={() => setSettingsOpen(!settingsOpen)}>
          Settings
        </button>
      </header>
      <SettingsPanel
        open={settingsOpen}
        provider={settings.provider}
        onProvider={(id) => store.save({ provider: id })}
        apiKey={{ draft: keyDraft, onDraft: setKeyDraft, saved: apiKey !== null }}
        onSaveKey={saveKey}
        onRemoveKey={() => store.save({ apiKey: { provider: settings.provider, key: null } }, { area: 'key', saved: 'Key removed.' })}
        relayUrl={{ draft: relayUrlDraft, onDraft: setRelayUrlDraft, saved: settings.relayUrl }}
        relayToken={{ draft: relayTokenDraft, onDraft: setRelayTokenDraft, saved: settings.relayToken !== null }}
        onSaveRelay={saveRelay}
        onRemoveRelay={() =>
          store.save({ relayUrl: null, relayToken: null }, { area: 'relay', saved: 'Relay removed.', then: () => setRelayUrlDraft('') })
        }
        notice={store.notice}
      >
        <CostLimitField
          saved={settings.costLimit}
          defaultLimit={effectiveLimit(null, cheapest)}
          onSave={(costLimit) => store.save({ costLimit }, { area: 'general', saved: 'Cost limit saved.' })}
          onProblem={(text) => store.setNotice({ area: 'general', tone: 'danger', text })}
        />
      </SettingsPanel>
      {[iterateNotice, resumed.notice].map(
        (text) =>
          text !== null && (
            <p key={text} class="note" role="status">
              {text}
            </p>
          ),
      )}
      <PlaceIntoField
        value={placeInto}
        placing={placing}
        onChange={(mode) => {
          setPlaceInto(mode);
          bridge.post('place-into', { mode });
        }}
        onChoose={(layerId) => bridge.post('choose-target', { layerId })}
      />
      <ReferenceList
        references={references}
        problems={problems}
        leftOut={leftOutNotes(sending.left, check.unsentTags, maxReferences)}
        onTag={(id, tag) => {
          if (isFileId(id)) {
            fileReferences.setTag(id, tag);
            return;
          }
          dispatchReferences({ type: 'tag', id, tag });
          saveTag(id, tag);
        }}
        onRemove={fileReferences.remove}
        thumbnailAsync={services.thumbnailAsync}
      >
        <DropZone notices={fileReferences.files.notices} onFiles={(files) => void fileReferences.addAsync(files)} />
      </ReferenceList>
      <PromptField
        value={prompt}
        check={check}
        recheck={(text) => planSending(usable, text, maxReferences).check}
        tags={usable.filter((card) => problems[references.cards.indexOf(card)] === null).map((card) => card.tag)}
        onInput={setPrompt}
      />
      <ModelField
        models={provider.models}
        value={model.id}
        onChange={(id) => store.save({ model: { provider: settings.provider, model: id } })}
      />
      <PresetField
        presets={presets}
        value={preset?.preset.id ?? ''}
        canUseStarter={preset !== null && prompt !== preset.preset.starter}
        onChange={choosePreset}
        onUseStarter={() => preset && setPrompt(preset.preset.starter)}
      />
      <RatioField
        ratios={model.ratios}
        value={ratio}
        onChange={changeRatio}
        fittedTo={fitted && placing.target ? `Closest to the target’s ${sizeLabel(placing.target)}` : null}
      />
      {model.supportsSeed && (
        <SeedField
          draft={seedDraft}
          fixed={seedFixed}
          problem={seed && !seed.ok ? seed.error : null}
          lastSeed={lastImage?.seed ?? null}
          variations={settings.variations}
          onDraft={(draft) => changeSeed(draft, true)}
          onFixed={(fixed) => changeSeed(seedDraft, fixed)}
        />
      )}
      <GeneratePanel
        run={run}
        now={now}
        blockers={blockers}
        placingNote={placingNote(placeInto, placing.target, settings.variations)}
        variations={settings.variations}
        onVariations={(variations) => store.save({ variations })}
        cost={cost}
        question={asking ? questionText(questionReasons(questionInput)) : null}
        onConfirm={() => void generateAsync(true)}
        onDismiss={() => setAsking(false)}
        spent={generation.spent}
        onGenerate={() => void generateAsync()}
        onCancel={generation.cancel}
        closing={closingText(runClosing)}
        // Where Place into points now: a failed placement's target may be gone, and the designer may have picked another.
        onPlaceAgain={(index) => generation.placeAgain(index, placeTargetFor(placeInto, placing.target))}
      />
      <HistoryList entries={history.entries} notice={history.notice} onOpen={(id) => bridge.post('open-history', { id })} />
    </main>
  );
}
