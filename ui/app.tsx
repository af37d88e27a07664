// The panel: holds what the designer has entered, follows the sandbox's messages, and runs a generation
// from the provider's answer to the placed layer. Everything outside the page comes in through `services`.
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { checkPrompt } from '../core/prompt';
import { dispatch, MAX_REFERENCES } from '../core/protocol';
import type { Handlers, MainToUi } from '../core/protocol';
import { parseSeed, ratioFor } from '../core/settings';
import type { Settings } from '../core/settings';
import { GeneratePanel } from './components/generate-panel';
import { ModelField } from './components/model-field';
import { PresetField } from './components/preset-field';
import { PromptField } from './components/prompt-field';
import { RatioField } from './components/ratio-field';
import { ReferenceList } from './components/reference-list';
import { SeedField } from './components/seed-field';
import { SettingsPanel } from './components/settings-panel';
import { modelOf } from './providers/provider';
import type { GeneratedImage } from './providers/provider';
import { needsRelay } from './providers/registry';
import type { Services } from './services';
import { presetsFor } from './state/presets';
import { generateBlockers } from './state/readiness';
import { cardTagProblems, NO_REFERENCES, readyCards, referencesReducer, usableCards } from './state/references';
import { IDLE, isBusy, runReducer } from './state/run';
import type { Generation } from './state/run';
import { useSettings } from './state/use-settings';
import { markMoment } from './timing';

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
  const ratio = ratioFor(settings, model);
  const apiKey = settings.apiKeys[settings.provider];

  const [keyDraft, setKeyDraft] = useState('');
  const [relayUrlDraft, setRelayUrlDraft] = useState('');
  const [relayTokenDraft, setRelayTokenDraft] = useState('');
  const [seedDraft, setSeedDraft] = useState('');
  const [seedFixed, setSeedFixed] = useState(false);
  const [references, dispatchReferences] = useReducer(referencesReducer, NO_REFERENCES);
  const [prompt, setPrompt] = useState('');
  const [presetId, setPresetId] = useState('');
  const [run, dispatchRun] = useReducer(runReducer, IDLE);
  const [lastImage, setLastImage] = useState<GeneratedImage | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Refs, not state: they must be current within one event, before Preact re-renders.
  const latestVersion = useRef(0);
  /** Set while a request is with the provider: also guards against a second start before Preact re-renders. */
  const controller = useRef<AbortController | null>(null);
  const lastRequestId = useRef(0);
  const lastBatchId = useRef(0);
  const seedFixedNow = useRef(seedFixed);
  seedFixedNow.current = seedFixed;

  const presets = presetsFor(model.ratios);
  // A preset shows as chosen only while the ratio is its own: picking another ratio returns the field to None.
  const preset = presets.find((offered) => offered.preset.id === presetId && offered.ratio.value === ratio) ?? null;

  const problems = cardTagProblems(references);
  const usable = usableCards(references);
  const check = checkPrompt(
    prompt,
    usable.map((card) => card.tag),
  );
  const seed = model.supportsSeed && seedFixed ? parseSeed(seedDraft) : null;
  const blockers = generateBlockers({
    providerLabel: provider.label,
    needsRelay: needsRelay(settings.provider),
    hasRelay: settings.relayUrl !== null,
    hasKey: apiKey !== null,
    seedProblem: seed && !seed.ok ? seed.error : null,
    promptBlockers: check.blockers,
    references,
    minReferences: model.minReferences,
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
    init({ settings: stored }) {
      store.receive(stored);
      setRelayUrlDraft(stored.relayUrl ?? '');
      setSeedFixed(stored.seed !== null);
      setSeedDraft(stored.seed === null ? '' : String(stored.seed));
      if (needsSetup(stored)) setSettingsOpen(true);
    },
    selection(message) {
      latestVersion.current = Math.max(latestVersion.current, message.version);
      dispatchReferences({ type: 'snapshot', snapshot: message, maxReferences: Math.min(model.maxReferences, MAX_REFERENCES) });
    },
    'reference-image': prepare,
    'reference-failed'(message) {
      dispatchReferences({ type: 'failed', version: message.version, id: message.id, message: message.message });
    },
    'settings-stored': store.stored,
    placed(message) {
      markMoment('placed');
      dispatchRun({ type: 'placed', requestId: message.requestId, name: message.name });
    },
    'place-failed'(message) {
      dispatchRun({ type: 'place-failed', requestId: message.requestId, message: message.message });
    },
  };
  const currentHandlers = useRef(handlers);
  currentHandlers.current = handlers;
  // A layout effect runs within render(), before the iframe's load event; a plain effect waits for a paint, and
  // Figma hands over the messages it queued (init first) as soon as the iframe loads, so they would be lost.
  useLayoutEffect(() => bridge.subscribe((message) => dispatch(currentHandlers.current, message)), [bridge]);

  async function placeAsync(generation: Generation): Promise<void> {
    const image = await services
      .toFigmaImageAsync(generation.bytes)
      .catch((error: unknown) => ({ ok: false as const, message: String(error) }));
    if (!image.ok) {
      dispatchRun({ type: 'place-failed', requestId: null, message: `Couldn't place the image: ${image.message}` });
      return;
    }
    lastRequestId.current += 1;
    const requestId = lastRequestId.current;
    dispatchRun({ type: 'posted', requestId });
    markMoment('place-posted');
    bridge.post('place', {
      requestId,
      bytes: image.bytes,
      prompt: generation.prompt,
      ratio: generation.ratio,
      provider: generation.provider,
      model: generation.model,
      references: generation.references,
      seed: generation.seed,
      target: { kind: 'new-layer' },
      batch: generation.batch,
    });
  }

  async function generateAsync(): Promise<void> {
    if (blockers.length > 0 || isBusy(run) || controller.current) return;
    // Taken now: edits made while the request runs belong to the next one.
    const cards = readyCards(references).slice(0, model.maxReferences);
    const generationPrompt = prompt;
    const generationRatio = ratio;
    const generationModel = model.id;
    const generationProvider = provider;
    markMoment('generate-start');
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = Date.now();
    lastBatchId.current += 1;
    setNow(startedAt);
    dispatchRun({ type: 'start', startedAt });
    const outcome = await generationProvider.generateAsync(
      {
        model: generationModel,
        prompt: generationPrompt,
        ratio: generationRatio,
        references: cards.map((card) => ({ uri: card.image.uri, tag: card.tag })),
        ...(seed?.ok ? { seed: seed.value } : {}),
      },
      // No timeoutMs: the provider applies its own limit and then answers 'timeout'.
      {
        apiKey: apiKey ?? '',
        signal: abort.signal,
        onProgress: (progress) => {
          if (controller.current === abort) dispatchRun({ type: 'progress', progress });
        },
      },
    );
    controller.current = null;
    markMoment('response');
    if (!outcome.ok) {
      dispatchRun({ type: 'fail', failure: outcome.failure });
      if (outcome.failure.kind === 'auth') setSettingsOpen(true);
      return;
    }
    setLastImage(outcome.image);
    // A random seed is shown in the field, so fixing it makes this image again.
    if (!seedFixedNow.current && outcome.image.seed !== null && parseSeed(outcome.image.seed).ok) setSeedDraft(outcome.image.seed);
    const generation: Generation = {
      bytes: outcome.image.bytes,
      prompt: generationPrompt,
      ratio: generationRatio,
      provider: generationProvider.id,
      model: generationModel,
      references: cards.map((card) => ({ tag: card.tag, layerId: card.id, layerName: card.name })),
      seed: outcome.image.seed,
      batch: { batchId: lastBatchId.current, index: 0, count: 1 },
    };
    dispatchRun({ type: 'generated', generation });
    await placeAsync(generation);
  }

  const generate = useRef(generateAsync);
  generate.current = generateAsync;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void generate.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    if (run.phase !== 'running') return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [run.phase]);

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
          store.save(
            { relayUrl: null, relayToken: null },
            { area: 'relay', saved: 'Relay removed.', then: () => setRelayUrlDraft('') },
          )
        }
        notice={store.notice}
      />
      <ReferenceList
        references={references}
        problems={problems}
        maxReferences={model.maxReferences}
        onTag={(id, tag) => dispatchReferences({ type: 'tag', id, tag })}
      />
      <PromptField
        value={prompt}
        check={check}
        tags={usable.filter((card) => problems[references.cards.indexOf(card)] === null).map((card) => card.tag)}
        onInput={setPrompt}
      />
      <ModelField models={provider.models} value={model.id} onChange={(id) => store.save({ model: { provider: settings.provider, model: id } })} />
      <PresetField
        presets={presets}
        value={preset?.preset.id ?? ''}
        canUseStarter={preset !== null && prompt !== preset.preset.starter}
        onChange={choosePreset}
        onUseStarter={() => preset && setPrompt(preset.preset.starter)}
      />
      <RatioField ratios={model.ratios} value={ratio} onChange={changeRatio} />
      {model.supportsSeed && (
        <SeedField
          draft={seedDraft}
          fixed={seedFixed}
          problem={seed && !seed.ok ? seed.error : null}
          lastSeed={lastImage?.seed ?? null}
          onDraft={(draft) => changeSeed(draft, true)}
          onFixed={(fixed) => changeSeed(seedDraft, fixed)}
        />
      )}
      <GeneratePanel
        run={run}
        now={now}
        blockers={blockers}
        estimate={model.estimateCredits(ratio)}
        spent={lastImage}
        onGenerate={() => void generateAsync()}
        onCancel={() => {
          controller.current?.abort();
          dispatchRun({ type: 'cancel' });
        }}
        onPlaceAgain={() => {
          if (run.phase !== 'place-failed') return;
          dispatchRun({ type: 'retry' });
          void placeAsync(run.generation);
        }}
      />
    </main>
  );
}
