// What the panel needs from the outside world, injected so tests can hand it small fakes
// (happy-dom has no canvas codecs and no provider APIs); ui/main.tsx wires the real ones.
import type { Bridge } from './bridge';
import type { FigmaImageOutcome } from './image/figma-image';
import type { PrepareOutcome, ReferenceSourceMime } from './image/prepare-reference';
import type { ImageProvider } from './providers/provider';
import type { ProviderChoice } from './providers/registry';

export interface Services {
  readonly bridge: Bridge;
  /** The provider for the designer's choice (ui/providers/registry.ts); called again when the choice changes. */
  readonly providerFor: (choice: ProviderChoice) => ImageProvider;
  /** Turns an exported layer, or an added file (`capEdge`), into a reference the provider accepts. */
  readonly prepareReferenceAsync: (bytes: Uint8Array, mime: ReferenceSourceMime, capEdge?: boolean) => Promise<PrepareOutcome>;
  /** A small preview of a prepared reference's data URI for its card; null when none can be made. */
  readonly thumbnailAsync: (uri: string) => Promise<string | null>;
  /** Turns the provider's image into bytes Figma's createImage takes. */
  readonly toFigmaImageAsync: (bytes: Uint8Array) => Promise<FigmaImageOutcome>;
}
