// node.exportAsync: renders the layer and its children with a canvas at the requested size and encodes real PNG
// or JPG bytes. Like Figma, a JPG has no alpha: transparent parts come out white.
import type { ImageStore } from './image-store';
import { absoluteBox, stateOf } from './nodes';
import type { HostNode } from './nodes';
import { drawLayer, imageHashesOf } from './render';

export type ExportFormat = 'PNG' | 'JPG';

export interface ExportTarget {
  readonly format: ExportFormat;
  readonly width: number;
  readonly height: number;
}

/** Chromium's canvas limit per side; Figma's own limit is not documented. */
const MAX_EXPORT_EDGE_PX = 16_384;
const JPG_QUALITY = 0.92;
const MIME: Readonly<Record<ExportFormat, string>> = { PNG: 'image/png', JPG: 'image/jpeg' };

/** The format and pixel size `settings` ask for a `width`×`height` layer; throws for what the host can't make. */
export function exportTarget(settings: unknown, width: number, height: number): ExportTarget {
  if (typeof settings !== 'object' || settings === null) throw new Error('exportAsync expects a settings object');
  const { format = 'PNG', constraint = { type: 'SCALE', value: 1 } } = settings as { format?: unknown; constraint?: unknown };
  if (format !== 'PNG' && format !== 'JPG') {
    throw new Error(`The host exports PNG and JPG only, not ${JSON.stringify(format)}`);
  }
  const { type, value } = (constraint ?? {}) as { type?: unknown; value?: unknown };
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`exportAsync: constraint.value must be a positive number, got ${JSON.stringify(value)}`);
  }
  let scale: number;
  if (type === 'SCALE') scale = value;
  else if (type === 'WIDTH') scale = value / width;
  else if (type === 'HEIGHT') scale = value / height;
  else throw new Error(`exportAsync: constraint.type must be SCALE, WIDTH or HEIGHT, got ${JSON.stringify(type)}`);
  const target = { format, width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) } as const;
  if (target.width > MAX_EXPORT_EDGE_PX || target.height > MAX_EXPORT_EDGE_PX) {
    throw new Error(`The host can't render an export of ${target.width}×${target.height} px (at most ${MAX_EXPORT_EDGE_PX} px a side)`);
  }
  return target;
}

/** Renders `node` at `target` and returns the encoded bytes. */
export async function renderExportAsync(node: HostNode, target: ExportTarget, images: ImageStore): Promise<Uint8Array> {
  await Promise.all(imageHashesOf(node).map((hash) => images.get(hash)?.decoded));
  const box = absoluteBox(node);
  const canvas = document.createElement('canvas');
  canvas.width = target.width;
  canvas.height = target.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`The host couldn't make a ${target.width}×${target.height} px canvas to export "${stateOf(node).name}"`);
  if (target.format === 'JPG') {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, target.width, target.height);
  }
  ctx.scale(target.width / box.width, target.height / box.height);
  ctx.translate(-box.x, -box.y);
  drawLayer(ctx, node, images, true);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, MIME[target.format], JPG_QUALITY));
  if (!blob) throw new Error(`The host couldn't encode "${stateOf(node).name}" as ${target.format}`);
  return new Uint8Array(await blob.arrayBuffer());
}
