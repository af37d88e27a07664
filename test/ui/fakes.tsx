// Small typed fakes of what the panel gets from outside (ui/services.ts), and a way to render it.
// happy-dom has no canvas codecs and there is no Segmind or Runway here: these stand in at exactly those edges.
import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { NO_TARGET } from '../../core/place-into';
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
import type { MainToUi, Message, SelectedLayer, UiToMain } from '../../core/protocol';
import { applySettingsPatch, DEFAULT_SETTINGS } from '../../core/settings';
import type { Draft } from '../../core/workspace';
import type { ProviderId, Settings } from '../../core/settings';
import { App } from '../../ui/app';
import type { Bridge } from '../../ui/bridge';
import type { FigmaImageOutcome } from '../../ui/image/figma-image';
import type { PrepareOutcome } from '../../ui/image/prepare-reference';
import type {
  GeneratedImage,
  GenerationFailure,
  GenerationOptions,
  GenerationOutcome,
  GenerationProgress,
  GenerationRequest,
  ImageProvider,
  ProviderJob,
  UpscaleRequest,
} from '../../ui/providers/provider';
import type { ProviderChoice } from '../../ui/providers/registry';
import { RUNWAY_MODELS } from '../../core/models';
import type { ModelCapabilities } from '../../core/models';
import { segmindProvider } from '../../ui/providers/segmind';
import type { Services } from '../../ui/services';

export const TEST_KEY = 'sk-test-0123456789';

/** The id FakeBridge gives the placeholder of variation `index` of run `batchId`. */
export function placeholderId(batchId: number, index: number): string {
  return `placeholder:${batchId}:${index}`;
}

/** Records what the panel posts and delivers sandbox messages to it. */
export class FakeBridge implements Bridge {
  readonly posts: Message<UiToMain>[] = [];
  /** What the sandbox has stored, as far as this fake knows: set by init, changed by answerSaves. */
  stored: Settings = DEFAULT_SETTINGS;
  private readonly handlers = new Set<(message: Message<MainToUi>) => void>();
  private answered = 0;

  /** Answers each 'reserve' with placeholder ids, as the sandbox does; false leaves runs waiting for their placeholders. */
  answerReserves = true;

  post<K extends keyof UiToMain>(type: K, payload: UiToMain[K]): void {
    this.posts.push({ type, ...payload } as Message<UiToMain>);
    if (type === 'reserve' && this.answerReserves) {
      const { batchId, count } = payload as UiToMain['reserve'];
      // After the post, as the sandbox's answer comes back across the bridge.
      queueMicrotask(() =>
        this.deliver('reserved', { batchId, placeholders: Array.from({ length: count }, (_, index) => placeholderId(batchId, index)) }),
      );
    }
  }

  subscribe(handler: (message: Message<MainToUi>) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Delivers one sandbox message, as Figma would. */
  deliver<K extends keyof MainToUi>(type: K, payload: MainToUi[K]): void {
    act(() => {
      for (const handler of this.handlers) handler({ type, ...payload } as Message<MainToUi>);
    });
  }

  /**
   * Answers every save-settings not answered yet, in order, as the sandbox does: each patch applied with the
   * real rules (core/settings.ts) and stored; with `error`, storage refuses them and nothing changes.
   */
  answerSaves(error: string | null = null): void {
    const saves = this.postsOf('save-settings').slice(this.answered);
    this.answered += saves.length;
    for (const { id, patch } of saves) {
      const applied = applySettingsPatch(this.stored, patch);
      if (error === null && applied.ok) this.stored = applied.value;
      this.deliver('settings-stored', { id, settings: this.stored, error: applied.ok ? error : applied.error });
    }
  }

  /** The posted messages of one type, in order. */
  postsOf<K extends keyof UiToMain>(type: K): ({ readonly type: K } & UiToMain[K])[] {
    // The filter keeps exactly the messages whose `type` is K; the compiler can't narrow a union by a generic key.
    return this.posts.filter((m) => m.type === type) as unknown as ({ readonly type: K } & UiToMain[K])[];
  }
}

interface Call {
  readonly request: GenerationRequest;
  readonly options: GenerationOptions;
  readonly resolve: (outcome: GenerationOutcome) => void;
}

/**
 * A provider with a real provider's models (their ratios, limits, seed support and prices) whose answers the
 * test gives; it honours the abort signal like the real one.
 */
export class FakeProvider implements ImageProvider {
  readonly calls: Call[] = [];
  /** The jobs resumeAsync was asked to fetch, in order (resumable providers only); answered like calls. */
  readonly resumes: (Call & { readonly job: ProviderJob & { readonly model: string; readonly ratio: string } })[] = [];
  readonly resumeAsync?: ImageProvider['resumeAsync'];
  /** The upscales asked of it (resumable providers, as Runway, only); answered by the test. */
  readonly upscales: {
    readonly request: UpscaleRequest;
    readonly options: GenerationOptions;
    readonly resolve: (outcome: GenerationOutcome) => void;
  }[] = [];
  readonly upscaleAsync?: ImageProvider['upscaleAsync'];

  constructor(
    readonly id: ProviderId,
    readonly label: string,
    readonly models: readonly ModelCapabilities[],
    /** Its jobs outlive the plugin, as Runway's tasks do. */
    resumable = false,
  ) {
    if (resumable) {
      this.resumeAsync = (job, options) =>
        new Promise((resolve) => {
          this.resumes.push({ job, request: { model: job.model, prompt: '', ratio: job.ratio, references: [] }, options, resolve });
          options.signal?.addEventListener('abort', () =>
            resolve({ ok: false, failure: { kind: 'cancelled', message: 'Generation cancelled.' } }),
          );
        });
      this.upscaleAsync = (request, options) =>
        new Promise((resolve) => {
          this.upscales.push({ request, options, resolve });
          options.signal?.addEventListener('abort', () =>
            resolve({ ok: false, failure: { kind: 'cancelled', message: 'Upscale cancelled.' } }),
          );
        });
    }
  }

  generateAsync(request: GenerationRequest, options: GenerationOptions): Promise<GenerationOutcome> {
    return new Promise((resolve) => {
      this.calls.push({ request, options, resolve });
      options.signal?.addEventListener('abort', () =>
        resolve({ ok: false, failure: { kind: 'cancelled', message: 'Generation cancelled: nothing was placed.' } }),
      );
    });
  }

  private get last(): Call {
    const call = this.calls.at(-1);
    if (!call) throw new Error('the provider was not called');
    return call;
  }

  /** Answers the latest request with an image, and lets the panel finish with it. */
  async succeedAsync(image: Partial<GeneratedImage> = {}): Promise<void> {
    this.last.resolve({ ok: true, image: { bytes: PNG_BYTES, creditsLeft: 41.5, seed: null, cost: null, ...image } });
    await settleAsync();
  }

  /** Reports progress of the latest request, as a provider that polls would. */
  progress(progress: GenerationProgress): void {
    act(() => this.last.options.onProgress?.(progress));
  }

  /** Answers the latest request with a failure, and lets the panel show it. */
  async failAsync(failure: GenerationFailure): Promise<void> {
    this.last.resolve({ ok: false, failure });
    await settleAsync();
  }
}

/** Lets every pending promise chain of the panel run (the fakes answer without timers) and renders. */
export async function settleAsync(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

/** The innermost element whose whole text (across its children) is `text`. */
export function getByWholeText(text: string): HTMLElement {
  return screen.getByText(
    (_, element) => element?.textContent === text && ![...element.children].some((child) => child.textContent === text),
  );
}

/** A PNG signature and a few bytes: enough to tell apart from other byte arrays. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** The data URI the fake pipeline makes of exported bytes: it carries the bytes, so tests can trace them. */
export function uriOf(bytes: Uint8Array): string {
  return `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;
}

/** The canvas pipeline: encodes bytes as they are; fails on command. */
export class FakeImages {
  /** Reference bytes whose preparation fails, by their last byte (see exportedBytes). */
  readonly unpreparable = new Set<number>();
  /** Answers of toFigmaImageAsync still to give, first first; empty means pass the bytes through. */
  readonly figmaAnswers: FigmaImageOutcome[] = [];
  readonly figmaCalls: Uint8Array[] = [];

  readonly prepareReferenceAsync = async (bytes: Uint8Array): Promise<PrepareOutcome> => {
    if (this.unpreparable.has(bytes.at(-1) ?? -1)) return { ok: false, message: "couldn't read the exported image" };
    const uri = uriOf(bytes);
    return { ok: true, reference: { uri, mime: 'image/jpeg', width: 400, height: 300, chars: uri.length } };
  };

  readonly toFigmaImageAsync = async (bytes: Uint8Array): Promise<FigmaImageOutcome> => {
    this.figmaCalls.push(bytes);
    return this.figmaAnswers.shift() ?? { ok: true, bytes, width: 1280, height: 720, transcoded: false };
  };
}

export interface Panel {
  readonly bridge: FakeBridge;
  /** Segmind, as the registry builds it for any relay choice. */
  readonly provider: FakeProvider;
  readonly runway: FakeProvider;
  /** Every provider choice the panel asked the registry for, in order. */
  readonly choices: ProviderChoice[];
  readonly images: FakeImages;
  readonly container: HTMLElement;
}

/** Fresh fakes of the services; the panel's providerFor hands out one fake per provider. */
export function fakeServices(): Omit<Panel, 'container'> & { readonly services: Services } {
  const bridge = new FakeBridge();
  const provider = new FakeProvider('segmind', 'Segmind', segmindProvider.models);
  const runway = new FakeProvider('runway', 'Runway', RUNWAY_MODELS, true);
  const images = new FakeImages();
  const choices: ProviderChoice[] = [];
  const services: Services = {
    bridge,
    providerFor: (choice) => {
      choices.push(choice);
      return choice.provider === 'runway' ? runway : provider;
    },
    prepareReferenceAsync: images.prepareReferenceAsync,
    // happy-dom has no decoder to make a small preview: a card shows the prepared reference itself.
    thumbnailAsync: (uri) => Promise.resolve(uri),
    toFigmaImageAsync: images.toFigmaImageAsync,
  };
  return { bridge, provider, runway, choices, images, services };
}

/** Renders the panel with fresh fakes. */
export function renderPanel(): Panel {
  const { services, ...fakes } = fakeServices();
  const { container } = render(<App services={services} />);
  return { ...fakes, container: container as HTMLElement };
}

/** Stored settings: the defaults with `overrides`. */
export function stored(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** Delivers init with the defaults and `overrides` (and `draft`, none by default), as the sandbox does when the plugin starts. */
export function init(bridge: FakeBridge, overrides: Partial<Settings> = {}, draft: Draft | null = null): void {
  bridge.stored = stored(overrides);
  bridge.deliver('init', { settings: bridge.stored, draft, layout: null });
}

/** Delivers init with a saved Segmind key: the first-run settings of a designer who has set up Segmind. */
export function initWithKey(bridge: FakeBridge, overrides: Partial<Settings> = {}): void {
  init(bridge, { apiKeys: { segmind: TEST_KEY, runway: null }, ...overrides });
}

export function layer(id: string, name: string): SelectedLayer {
  return { id, name, width: 800, height: 600, savedTag: null, tagBase: name };
}

/** Exported bytes for the layer at `index`: distinct per layer by their last byte, `index + 1`. */
export function exportedBytes(index: number): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, index + 1]);
}

/** Delivers a selection snapshot and, unless told otherwise, the exported image of every layer the sandbox offers. */
export function select(bridge: FakeBridge, version: number, layers: SelectedLayer[], images = true): void {
  bridge.deliver('selection', { version, layers, skipped: [], ...NO_TARGET });
  if (!images) return;
  layers.slice(0, MAX_OFFERED_REFERENCES).forEach((l, index) => {
    bridge.deliver('reference-image', { version, id: l.id, bytes: exportedBytes(index), mime: 'image/jpeg' });
  });
}

export function generateButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Generate' });
}

export function promptField(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Prompt' });
}

/** The main view: the toolbar, the references, prompt and options, and the footer with Generate. */
export function mainView(): HTMLElement {
  const view = document.querySelector<HTMLElement>('main.panel > div.view');
  if (!view) throw new Error('the panel has no main view');
  return view;
}

/** The Settings view (shown in place of the main view). */
export function settingsView(): HTMLElement {
  const view = document.getElementById('settings');
  if (!view) throw new Error('the panel has no Settings view');
  return view;
}

/** True when the Settings view is shown, and then the main view is hidden: only one of them shows. */
export function settingsIsOpen(): boolean {
  const open = !settingsView().hidden;
  if (open === !mainView().hidden) throw new Error(`Settings and the main view are both ${open ? 'shown' : 'hidden'}`);
  return open;
}

/** Opens Settings as the designer does: the "Settings" button of the main view's toolbar. */
export function openSettings(): void {
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  if (!settingsIsOpen()) throw new Error('Settings did not open');
}

/** Back from Settings to the main view, with its "Back to the panel" button. */
export function closeSettings(): void {
  fireEvent.click(screen.getByRole('button', { name: 'Back to the panel' }));
  if (settingsIsOpen()) throw new Error('Settings did not close');
}

/** Settings' "Advanced" section (provider, relay, cost limit). */
export function advancedSettings(): HTMLDetailsElement {
  const details = settingsView().querySelector<HTMLDetailsElement>('details.advanced');
  if (!details) throw new Error('Settings has no Advanced section');
  return details;
}

/** Opens Advanced in Settings, as clicking its summary does, unless it is open already. */
export function openAdvanced(): void {
  const details = advancedSettings();
  if (!details.open) fireEvent.click(within(details).getByText('Advanced'));
  // happy-dom may not toggle <details> on a summary click as browsers do.
  if (!details.open) act(() => void (details.open = true));
}

/** The footer's hint line under Generate: the estimate, the last run's cost and the credits left, joined with ' · '. */
export function creditsLine(): string[] {
  const line = mainView().querySelector('footer.footer > p.hint:last-child');
  if (!line) throw new Error('the footer has no hint line');
  return (line.textContent ?? '').split(' · ').filter((part) => part !== '');
}

/** Chooses provider `id` in Settings → Advanced, and goes back to the panel. */
export function chooseProvider(id: string): void {
  if (!settingsIsOpen()) openSettings();
  openAdvanced();
  fireEvent.change(screen.getByRole('combobox', { name: 'Provider' }), { target: { value: id } });
  closeSettings();
}
