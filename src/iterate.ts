// Iterate: opened from a generated layer's relaunch button, the plugin reads how that layer was made, re-selects
// its reference layers that are still on this page and tells the panel (prompt, ratio, provider, model, seed, tags,
// Place into) and which references are gone. History's Reuse does the same from an entry.
import type { GenerationRecord } from '../core/generation-record';
import { FILE_REFERENCE_PREFIX } from '../core/protocol';
import type { MissingReference } from '../core/protocol';
import { postToUi } from './channel';
import { pageOf, sceneNodeAsync } from './figma-nodes';
import { recordOn } from './generated-layer';
import { offerForReuse } from './placeholders';
import { rememberIterated } from './placement-anchor';
import type { TargetFinder } from './place-into';

/**
 * The layer `record` was placed into (Selected layer) or over (Region), when it is still on `page` and is none of
 * the references: only then may Iterate fill it again. Anything else starts in New layer, which overwrites nothing.
 */
async function restorableTargetAsync(record: GenerationRecord, page: PageNode): Promise<SceneNode | null> {
  const { target } = record;
  if (target.kind === 'new-layer' || record.references.some((reference) => reference.layerId === target.nodeId)) return null;
  const node = await sceneNodeAsync(target.nodeId);
  return node && pageOf(node) === page ? node : null;
}

/**
 * Sends 'iterate' for the selected generated layer, selects its references (and its target, made `targets`'s pick
 * when it can be restored); returns the selected ids, or null when there is no record.
 */
export async function startIterationAsync(targets: Pick<TargetFinder, 'setMode' | 'choose'>): Promise<readonly string[] | null> {
  const selection = figma.currentPage.selection;
  const generated = selection.map((node) => ({ node, record: recordOn(node) })).find((found) => found.record !== null);
  if (!generated?.record) {
    const first = selection[0];
    postToUi('iterate', {
      found: false,
      message: first
        ? `“${first.name}” wasn’t made by this plugin: there is nothing to iterate on.`
        : 'Select a generated layer to iterate on it: nothing was selected.',
    });
    return null;
  }
  offerForReuse(generated.node);
  rememberIterated(generated.node, generated.record.references);
  return restoreRunAsync(generated.record, targets);
}

/**
 * Sends 'iterate' for `record` (Iterate's layer's, or a History entry's): selects its references still on this
 * page (and its target, made `targets`'s pick when it can be restored); returns the selected ids.
 */
export async function restoreRunAsync(
  record: GenerationRecord,
  targets: Pick<TargetFinder, 'setMode' | 'choose'>,
): Promise<readonly string[]> {
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
  const target = await restorableTargetAsync(record, page);
  const placeInto = target ? record.target.kind : 'new-layer';
  targets.setMode(placeInto);
  if (target) targets.choose(target.id);
  const selected = target && !kept.includes(target) ? [...kept, target] : kept;
  page.selection = selected;
  const { prompt, ratio, provider, model, seed } = record;
  postToUi('iterate', { found: true, prompt, ratio, provider, model, seed, placeInto, tags, missing });
  return selected.map((node) => node.id);
}
