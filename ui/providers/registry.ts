// Which provider the panel talks to, built from the designer's settings: Segmind directly or through the
// relay, Runway only through the relay (its API refuses browser calls, CONTRACTS §2).
import { RUNWAY_MODELS } from '../../core/models';
import { PROVIDER_LABELS } from '../../core/settings';
import type { ProviderId } from '../../core/settings';
import type { ImageProvider } from './provider';
import { failed, type FetchLike } from './provider-http';
import { createRunwayProvider } from './runway';
import { runwayBasesForRelay } from './runway-requests';
import { createSegmindProvider } from './segmind';

/** What the panel says while a provider that needs a relay has none; also what such a request answers. */
export function relayNeeded(providerLabel: string): string {
  return `${providerLabel} is reached through a relay: start one with \`npm run relay\` and paste its URL in Settings.`;
}

/** True for a provider the plugin can reach only through a relay: Runway refuses browser calls. */
export function needsRelay(provider: ProviderId): boolean {
  return provider === 'runway';
}

/** The settings a provider is built from. */
export interface ProviderChoice {
  readonly provider: ProviderId;
  readonly relayUrl: string | null;
  readonly relayToken: string | null;
}

export interface RegistryOptions {
  /** Segmind's own address for direct calls; a stand-in's in tests. */
  readonly segmindBase?: string;
  readonly fetchImpl?: FetchLike;
}

/** The provider for `choice`. */
export function providerFor(choice: ProviderChoice, options: RegistryOptions = {}): ImageProvider {
  const { relayUrl, relayToken } = choice;
  const { fetchImpl } = options;
  if (choice.provider === 'segmind') {
    return createSegmindProvider({
      ...(relayUrl !== null ? { relay: { url: relayUrl, token: relayToken } } : { baseUrl: options.segmindBase }),
      ...(fetchImpl ? { fetchImpl } : {}),
    });
  }
  if (relayUrl === null) {
    // Still describes Runway's models, so the panel can show them while it asks for a relay.
    return {
      id: 'runway',
      label: PROVIDER_LABELS.runway,
      models: RUNWAY_MODELS,
      generateAsync: async () => failed({ kind: 'unreachable', message: relayNeeded(PROVIDER_LABELS.runway) }),
    };
  }
  return createRunwayProvider({
    ...runwayBasesForRelay(relayUrl),
    ...(relayToken !== null ? { relayToken } : {}),
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}
