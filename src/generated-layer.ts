// What marks a layer as generated: how it was made, in its plugin data, and the Iterate relaunch button.
import { parseGenerationRecord } from '../core/generation-record';
import type { GenerationRecord } from '../core/generation-record';
import { isResultLayerName } from '../core/layout';

/** The plugin-data entry that records how a generated layer was made. */
export const GENERATION_DATA_KEY = 'generation';
/** The relaunch command of generated layers; manifest.json's relaunchButtons names it. */
export const ITERATE_COMMAND = 'iterate';
/** The relaunch command that upscales the selected layer's image (issue 12). */
export const UPSCALE_COMMAND = 'upscale';
/** Figma shows the description under the button when the layer is selected. */
export const ITERATE_RELAUNCH_DATA: Readonly<Record<string, string>> = {
  [ITERATE_COMMAND]: 'Open with this layer’s prompt, ratio and references',
};
/** A generated layer's buttons: Iterate, and Upscale for its image (a placeholder has only Iterate). */
export const GENERATED_RELAUNCH_DATA: Readonly<Record<string, string>> = {
  ...ITERATE_RELAUNCH_DATA,
  [UPSCALE_COMMAND]: 'Make this image larger with Runway’s upscaler',
};

/** Saves `record` on `node` and gives it the Iterate and Upscale buttons; throws what Figma throws (the 100 kB limit). */
export function markGenerated(node: BaseNode, record: GenerationRecord): void {
  node.setPluginData(GENERATION_DATA_KEY, JSON.stringify(record));
  if ('setRelaunchData' in node) node.setRelaunchData(GENERATED_RELAUNCH_DATA);
}

/** How `node` was made, or null when it carries no readable record. */
export function recordOn(node: BaseNode): GenerationRecord | null {
  return parseGenerationRecord(node.getPluginData(GENERATION_DATA_KEY));
}

/** The default tag of a generated layer: short and valid, where its prompt's first words would say nothing. */
export const GENERATED_TAG_BASE = 'result';

/** What `node`'s default reference tag is made from: its name, unless it is a generated layer still named by the plugin. */
export function tagBaseOf(node: SceneNode): string {
  const record = recordOn(node);
  if (!record) return node.name;
  return isResultLayerName(node.name, record.prompt) ? GENERATED_TAG_BASE : node.name;
}
