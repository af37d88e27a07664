// The parts of the plugin's manifest.json the host uses, checked: its name and id, the files it runs, the editors
// it is offered in, its relaunch buttons, and the networkAccess the plugin iframe's Content-Security-Policy is built from.
import { readParameters } from './parameters';
import { readRelaunchButtons } from './relaunch-panel';
import type { ManifestRelaunchButton } from './relaunch-panel';
import type { ManifestParameter } from './parameters';
import { readNetworkAccess } from './srcdoc';
import type { NetworkAccess } from './srcdoc';

export interface PluginManifest {
  readonly name: string;
  readonly id: string;
  /** Paths relative to the plugin folder, served by the host server at "/" + path. */
  readonly main: string;
  readonly ui: string;
  /** The editors Figma offers the plugin in ("figma", "figjam", …). */
  readonly editorType: readonly string[];
  readonly networkAccess: NetworkAccess;
  /** The quick action's parameters; empty when the plugin takes none. */
  readonly parameters: readonly ManifestParameter[];
  /** The commands the properties panel offers for layers carrying them in their relaunch data. */
  readonly relaunchButtons: readonly ManifestRelaunchButton[];
}

/** `value` (parsed manifest.json) as the host needs it; throws naming the missing or wrong field. */
export function readManifest(value: unknown): PluginManifest {
  if (typeof value !== 'object' || value === null) throw new Error('manifest.json must hold a JSON object');
  const manifest = value as Record<string, unknown>;
  for (const field of ['name', 'id', 'main', 'ui']) {
    if (typeof manifest[field] !== 'string' || manifest[field] === '') throw new Error(`manifest.json needs "${field}" (a string)`);
  }
  const { editorType } = manifest;
  if (!Array.isArray(editorType) || editorType.length === 0 || !editorType.every((editor) => typeof editor === 'string')) {
    throw new Error('manifest.json needs "editorType" (a list of editors such as ["figma", "figjam"])');
  }
  return {
    name: manifest.name as string,
    id: manifest.id as string,
    main: manifest.main as string,
    ui: manifest.ui as string,
    editorType: [...editorType],
    networkAccess: readNetworkAccess(manifest.networkAccess),
    parameters: readParameters(manifest.parameters),
    relaunchButtons: readRelaunchButtons(manifest.relaunchButtons),
  };
}
