// The panel: holds what the designer has entered, follows the sandbox's messages, and runs a generation
// from the provider's answer to the placed layer. Everything outside the page comes in through `services`.
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import { checkPrompt } from '../core/prompt';
import { dispatch, MAX_REFERENCES } from '../core/protocol';
import type { Handlers, MainToUi } from '../core/protocol';
import { findRatio } from '../core/ratios';
import { GeneratePanel } from './components/generate-panel';
import { PromptField } from './components/prompt-field';
import { RatioField } from './components/ratio-field';
import { ReferenceList } from './components/reference-list';
import { SettingsPanel } from './components/settings-panel';
import type { Notice } from './components/settings-panel';
import { modelOf } from './providers/provider';
import type { Services } from './services';
import { generateBlockers } from './state/readiness';
import { cardTagProblems, NO_REFERENCES, readyCards, referencesReducer, usableCards } from './state/references';
import { IDLE, isBusy, runReducer } from './state/run';
import type { Generation } from './state/run';
import { markMoment } from './timing';

const TICK_MS = 1000;

/** The plugin panel. */
export function App({ services }: { readonly services: Services }) {
  const { bridge, provider } = services;
  const model = modelOf(provider, null);
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [keyDraft, setKeyDraft] = useState('');
  const [keyNotice, setKeyNotice] = useState<Notice | null>(null);
  const [references, dispatchReferences] = useReducer(referencesReducer, NO_REFERENCES);
  const [prompt, setPrompt] = useState('');
  const [ratio, setRatio] = useState(model.defaultRatio);
  const [run, dispatchRun] = useReducer(runReducer, IDLE);
  const [credits, setCredits] = useState<number | null | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  // Refs, not state: they must be current within one event, before Preact re-renders.
  const latestVersion = useRef(0);
  /** Set while a request is with the provider: also guards against a second start before Preact re-renders. */
  const controller = useRef<AbortController | null>(null);
  const lastRequestId = useRef(0);

  const problems = cardTagProblems(references);
  const usable = usableCards(references);
  const check = checkPrompt(
    prompt,
    usable.map((card) => card.tag),
  );
  const blockers = generateBlockers({
    hasKey: apiKey !== null,
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
    init(message) {
      setApiKey(message.apiKey);
      setRatio(findRatio(model.ratios, message.ratio)?.value ?? model.defaultRatio);
      if (message.apiKey === null) setSettingsOpen(true);
    },
    selection(message) {
      latestVersion.current = Math.max(latestVersion.current, message.version);
      dispatchReferences({ type: 'snapshot', snapshot: message, maxReferences: Math.min(model.maxReferences, MAX_REFERENCES) });
    },
    'reference-image': prepare,
    'reference-failed'(message) {
      dispatchReferences({ type: 'failed', version: message.version, id: message.id, message: message.message });
    },
    'key-stored'(message) {
      setApiKey(message.apiKey);
      if (message.error !== null) {
        setKeyNotice({ tone: 'danger', text: message.error });
      } else if (message.apiKey !== null) {
        setKeyDraft('');
        setKeyNotice({ tone: 'success', text: 'Key saved.' });
      } else {
        setKeyNotice({ tone: 'success', text: 'Key removed.' });
      }
    },
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
      provider: provider.id,
      model: model.id,
      references: generation.references,
    });
  }

  async function generateAsync(): Promise<void> {
    if (apiKey === null || blockers.length > 0 || isBusy(run) || controller.current) return;
    // Taken now: edits made while the request runs belong to the next one.
    const cards = readyCards(references).slice(0, model.maxReferences);
    const generationPrompt = prompt;
    const generationRatio = ratio;
    markMoment('generate-start');
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = Date.now();
    setNow(startedAt);
    dispatchRun({ type: 'start', startedAt });
    const outcome = await provider.generateAsync(
      { model: model.id, prompt: generationPrompt, ratio: generationRatio, references: cards.map((card) => ({ uri: card.image.uri, tag: card.tag })) },
      // No timeoutMs: the provider applies its own limit and then answers 'timeout'.
      { apiKey, signal: abort.signal },
    );
    controller.current = null;
    markMoment('response');
    if (!outcome.ok) {
      dispatchRun({ type: 'fail', failure: outcome.failure });
      if (outcome.failure.kind === 'auth') setSettingsOpen(true);
      return;
    }
    setCredits(outcome.image.creditsLeft);
    const generation: Generation = {
      bytes: outcome.image.bytes,
      prompt: generationPrompt,
      ratio: generationRatio,
      references: cards.map((card) => ({ tag: card.tag, layerId: card.id, layerName: card.name })),
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
      setKeyNotice({ tone: 'danger', text: 'Paste your API key into the field first.' });
      return;
    }
    setKeyNotice({ tone: 'info', text: 'Saving…' });
    bridge.post('save-key', { apiKey: key });
  }

  return (
    <main class="panel">
      <header class="row spread">
        <h1>
          Gen-4 Image <span class="hint">via {provider.label}</span>
        </h1>
        <button type="button" aria-expanded={settingsOpen} aria-controls="settings" onClick={() => setSettingsOpen(!settingsOpen)}>
          Settings
        </button>
      </header>
      <SettingsPanel
        open={settingsOpen}
        draft={keyDraft}
        hasKey={apiKey !== null}
        notice={keyNotice}
        onDraft={setKeyDraft}
        onSave={saveKey}
        onRemove={() => {
          setKeyNotice({ tone: 'info', text: 'Removing…' });
          bridge.post('remove-key', {});
        }}
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
      <RatioField
        ratios={model.ratios}
        value={ratio}
        onChange={(value) => {
          setRatio(value);
          bridge.post('save-ratio', { ratio: value });
        }}
      />
      <GeneratePanel
        run={run}
        now={now}
        blockers={blockers}
        credits={credits}
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
