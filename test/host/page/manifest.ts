// The parts of the plugin's manifest.json the host uses, checked: its name and id, the files it runs, and the
// networkAccess the plugin iframe's Content-Security-Policy is built from.
import { readNetworkAccess } from './srcdoc';
import type { NetworkAccess } from './srcdoc';

export interface PluginManifest {
  readonly name: string;
  readonly id: string;
  /** Paths relative to the plugin folder, served by the host server at "/" + path. */
  readonly main: string;
  readonly ui: string;
  readonly networkAccess: NetworkAccess;
}

/** `value` (parsed manifest.json) as the host needs it; throws naming the missing or wrong field. */
export function readManifest(value: unknown): PluginManifest {
  if (typeof value !== 'object' || value === null) throw new Error('manifest.json must hold a JSON object');
  const manifest = value as Record<string, unknown>;
  for (const field of ['name', 'id', 'main', 'ui']) {
    if (typeof manifest[field] !== 'string' || manifest[field] === '') throw new Error(`manifest.json needs "${field}" (a string)`);
  }
  return {
    name: manifest.name as string,
    id: manifest.id as string,
    main: manifest.main as string,
    ui: manifest.ui as string,
    networkAccess: readNetworkAccess(manifest.networkAccess),
  };
}
