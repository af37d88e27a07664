// Iterate: opened from a generated layer's relaunch button, the plugin reads how that layer was made, re-selects
// its reference layers that are still on this page and tells the panel (prompt, ratio, provider, model, seed, tags)
// and which references are gone.
import { FILE_REFERENCE_PREFIX } from '../core/protocol';
import type { MissingReference } from '../core/protocol';
import { postToUi } from './channel';
import { pageOf, sceneNodeAsync } from './figma-nodes';
import { recordOn } from './generated-layer';

/** Sends 'iterate' for the selected generated layer and selects its references; returns their ids, or null when there is no record. */
export async function startIterationAsync(): Promise<readonly string[] | null> {
  const selection = figma.currentPage.selection;
  const generated = selection.map((node) => ({ node, record: recordOn(node) })).find((found) => found.record !== null);
  if (!generated?.record) {
    const first = selection[0];
    postToUi('iterate', {
      found: false,
      message: first
        ? `“${first.name}” wasn’t made by this plugin, so there is nothing to iterate on: start a new generation.`
        : 'Select a generated layer to iterate on it: nothing was selected.',
    });
    return null;
  }
  const { record } = generated;
  const page = figma.currentPage;
  const nodes = await Promise.all(record.references.map((reference) => sceneNodeAsync(reference.layerId)));
  const kept: SceneNode[] = [];
  const tags: Record<string, string> = {};
  const missing: MissingReference[] = [];
  record.references.forEach((reference, index) => {
    const node = nodes[index] ?? null;
    if (node && pageOf(node) === page) {
      kept.push(node);
      tags[node.id] = reference.tag;
    } else {
      const where = reference.layerId.startsWith(FILE_REFERENCE_PREFIX) ? 'file' : node ? 'other-page' : 'deleted';
      missing.push({ tag: reference.tag, layerName: reference.layerName, where });
    }
  });
  page.selection = kept;
  const { prompt, ratio, provider, model, seed } = record;
  postToUi('iterate', { found: true, prompt, ratio, provider, model, seed, tags, missing });
  return kept.map((node) => node.id);
}
