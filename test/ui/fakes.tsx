// Small typed fakes of what the panel gets from outside (ui/services.ts), and a way to render it.
// happy-dom has no canvas codecs and there is no Segmind here: these stand in at exactly those edges.
import { act, render, screen } from '@testing-library/preact';
import type { MainToUi, Message, SelectedLayer, UiToMain } from '../../core/protocol';
import { DEFAULT_RATIO, SEGMIND_RATIOS } from '../../core/ratios';
import { App } from '../../ui/app';
import type { Bridge } from '../../ui/bridge';
import type { FigmaImageOutcome } from '../../ui/image/figma-image';
import type { PrepareOutcome } from '../../ui/image/prepare-reference';
import type {
  GeneratedImage,
  GenerationFailure,
  ModelCapabilities,
  GenerationOptions,
  GenerationOutcome,
  GenerationRequest,
  ImageProvider,
} from '../../ui/providers/provider';
import type { Services } from '../../ui/services';

export const TEST_KEY = 'sk-test-0123456789';

/** Records what the panel posts and delivers sandbox messages to it. */
export class FakeBridge implements Bridge {
  readonly posts: Message<UiToMain>[] = [];
  private readonly handlers = new Set<(message: Message<MainToUi>) => void>();

  post<K extends keyof UiToMain>(type: K, payload: UiToMain[K]): void {
    this.posts.push({ type, ...payload } as Message<UiToMain>);
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

/** A provider whose answers the test gives; it honours the abort signal like the real one. */
export class FakeProvider implements ImageProvider {
  readonly id = 'segmind';
  readonly label = 'Segmind';
  readonly models: readonly ModelCapabilities[] = [
    {
      id: 'runway-gen4-image',
      label: 'Gen-4 Image',
      ratios: SEGMIND_RATIOS,
      defaultRatio: DEFAULT_RATIO,
      minReferences: 1,
      maxReferences: 3,
      supportsSeed: false,
      estimateCredits: () => null,
    },
  ];
  readonly calls: Call[] = [];

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
  readonly provider: FakeProvider;
  readonly images: FakeImages;
  readonly container: HTMLElement;
}

/** Renders the panel with fresh fakes. */
export function renderPanel(): Panel {
  const bridge = new FakeBridge();
  const provider = new FakeProvider();
  const images = new FakeImages();
  const services: Services = {
    bridge,
    provider,
    prepareReferenceAsync: images.prepareReferenceAsync,
    toFigmaImageAsync: images.toFigmaImageAsync,
  };
  const { container } = render(<App services={services} />);
  return { bridge, provider, images, container: container as HTMLElement };
}

export function layer(id: string, name: string): SelectedLayer {
  return { id, name, width: 800, height: 600 };
}

/** Exported bytes for the layer at `index`: distinct per layer by their last byte, `index + 1`. */
export function exportedBytes(index: number): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, index + 1]);
}

/** Delivers a selection snapshot and, unless told otherwise, every sent layer's exported image. */
export function select(bridge: FakeBridge, version: number, layers: SelectedLayer[], images = true): void {
  bridge.deliver('selection', { version, layers, skipped: [] });
  if (!images) return;
  layers.slice(0, 3).forEach((l, index) => {
    bridge.deliver('reference-image', { version, id: l.id, bytes: exportedBytes(index), mime: 'image/jpeg', width: 800, height: 600 });
  });
}

export function generateButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Generate' });
}

export function promptField(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Prompt' });
}
