// Exports one selected layer as a reference image: long edge capped, JPEG only where no pixel can be transparent.
import type { ExportMime } from '../core/protocol';
import { exportScale } from '../core/reference-size';
import { figmaReason } from './figma-nodes';
import type { ReferenceNode } from './selection';

/** An exported reference: its bytes as Figma made them (the panel reads, checks and prepares them). */
export interface ReferenceImage {
  readonly bytes: Uint8Array;
  readonly mime: ExportMime;
}

export type ExportOutcome = { readonly ok: true; readonly image: ReferenceImage } | { readonly ok: false; readonly message: string };

function isOpaquePaint(paint: Paint): boolean {
  return paint.type === 'SOLID' && paint.visible !== false && (paint.opacity ?? 1) === 1 && (paint.blendMode ?? 'NORMAL') === 'NORMAL';
}

/**
 * True only when every exported pixel is surely opaque: a clipping frame, component or instance with an
 * opaque solid background. Anything that can leave a transparent pixel (rounded corners, layer opacity,
 * a blend mode, a mask, a shadow or blur or stroke reaching past the edges) keeps it PNG.
 */
export function isSurelyOpaque(node: ReferenceNode): boolean {
  if (node.type !== 'FRAME' && node.type !== 'COMPONENT' && node.type !== 'INSTANCE') return false;
  const fills = node.fills;
  return (
    node.visible &&
    node.clipsContent &&
    node.opacity === 1 &&
    (node.blendMode === 'PASS_THROUGH' || node.blendMode === 'NORMAL') &&
    !node.isMask &&
    node.cornerRadius === 0 &&
    typeof fills !== 'symbol' &&
    fills.some(isOpaquePaint) &&
    node.effects.every((effect) => !effect.visible || effect.type === 'INNER_SHADOW') &&
    (node.strokeAlign === 'INSIDE' || node.strokes.every((stroke) => stroke.visible === false))
  );
}

/** Exports `node` for use as a reference; a failure comes back as a message naming the layer. */
export async function exportReferenceAsync(node: ReferenceNode): Promise<ExportOutcome> {
  // Reading a layer deleted a moment ago throws, so even its name is read inside the try.
  let label = 'the layer';
  try {
    label = `"${node.name}"`;
    const scale = exportScale(node.width, node.height);
    const opaque = isSurelyOpaque(node);
    const bytes = await node.exportAsync({
      format: opaque ? 'JPG' : 'PNG',
      constraint: { type: 'SCALE', value: scale },
    });
    return { ok: true, image: { bytes, mime: opaque ? 'image/jpeg' : 'image/png' } };
  } catch (error) {
    return { ok: false, message: `Couldn't export ${label}: ${figmaReason(error)}` };
  }
}
