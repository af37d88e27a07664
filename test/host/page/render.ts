// Draws layers into a 2D canvas in page coordinates (the caller sets the transform): solid and image fills,
// rounded corners, ellipses, clipping frames, opacity, text. One renderer serves both the canvas view and
// exportAsync, so what the plugin exports is what a person sees.
import type { ImageStore } from './image-store';
import { absoluteBox, stateOf } from './nodes';
import type { HostNode, NodeState, Rect } from './nodes';
import { cssColour } from './paints';
import type { Paint } from './paints';

const PLACEHOLDER_FILL = '#d9d9d9';
const PLACEHOLDER_LINE = '#b3b3b3';
const BROKEN_LINE = '#f24822';
const TEXT_FONT = 'Inter, system-ui, -apple-system, "Segoe UI", sans-serif';
const LABEL_COLOUR = '#333333';
const MIN_FONT_PX = 6;
const MAX_LABEL_FONT_PX = 28;
/** FigJam's default connector: a charcoal line with an arrow at its end. */
const CONNECTOR_COLOUR = '#1e1e1e';
const CONNECTOR_WIDTH_PX = 4;

function shapeOf(state: NodeState, box: Rect): Path2D {
  const path = new Path2D();
  if (state.type === 'ELLIPSE') {
    path.ellipse(box.x + box.width / 2, box.y + box.height / 2, box.width / 2, box.height / 2, 0, 0, Math.PI * 2);
  } else if (state.cornerRadius > 0) {
    path.roundRect(box.x, box.y, box.width, box.height, Math.min(state.cornerRadius, box.width / 2, box.height / 2));
  } else {
    path.rect(box.x, box.y, box.width, box.height);
  }
  return path;
}

/** Where an image of `width`×`height` goes in `box` for `scaleMode`. */
function imageRect(scaleMode: string, width: number, height: number, box: Rect): Rect {
  if (scaleMode === 'CROP') return box;
  const cover = scaleMode !== 'FIT';
  const scale = cover ? Math.max(box.width / width, box.height / height) : Math.min(box.width / width, box.height / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.width - w) / 2, y: box.y + (box.height - h) / 2, width: w, height: h };
}

/** Grey with diagonal lines while an image decodes; red lines when it never will. */
function drawPlaceholder(ctx: CanvasRenderingContext2D, box: Rect, broken: boolean): void {
  ctx.fillStyle = PLACEHOLDER_FILL;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.strokeStyle = broken ? BROKEN_LINE : PLACEHOLDER_LINE;
  ctx.lineWidth = Math.max(box.width, box.height) / 100;
  ctx.beginPath();
  ctx.moveTo(box.x, box.y);
  ctx.lineTo(box.x + box.width, box.y + box.height);
  ctx.moveTo(box.x + box.width, box.y);
  ctx.lineTo(box.x, box.y + box.height);
  ctx.stroke();
}

function drawPaint(ctx: CanvasRenderingContext2D, paint: Paint, shape: Path2D, box: Rect, images: ImageStore): void {
  if (paint.visible === false) return;
  ctx.save();
  ctx.globalAlpha *= paint.opacity ?? 1;
  if (paint.type === 'SOLID') {
    ctx.fillStyle = cssColour(paint.color);
    ctx.fill(shape);
  } else {
    ctx.clip(shape);
    const image = images.get(paint.imageHash);
    if (!image?.bitmap) {
      drawPlaceholder(ctx, box, image?.broken != null);
    } else if (paint.scaleMode === 'TILE') {
      const pattern = ctx.createPattern(image.bitmap, 'repeat');
      if (pattern) {
        ctx.fillStyle = pattern;
        ctx.translate(box.x, box.y);
        ctx.fillRect(0, 0, box.width, box.height);
      }
    } else {
      const target = imageRect(paint.scaleMode, image.bitmap.width, image.bitmap.height, box);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(image.bitmap, target.x, target.y, target.width, target.height);
    }
  }
  ctx.restore();
}

/** A TEXT layer's characters in its first solid fill, or a frame's label in grey, fitted to the box. */
function drawText(ctx: CanvasRenderingContext2D, state: NodeState, box: Rect): void {
  const label = state.type !== 'TEXT';
  const solid = state.fills.find((paint) => paint.type === 'SOLID' && paint.visible !== false);
  const weight = label ? 600 : 400;
  let size = Math.max(MIN_FONT_PX, label ? Math.min(MAX_LABEL_FONT_PX, box.height * 0.8) : box.height * 0.8);
  ctx.save();
  ctx.fillStyle = label ? LABEL_COLOUR : solid?.type === 'SOLID' ? cssColour(solid.color, solid.opacity ?? 1) : '#000000';
  ctx.font = `${weight} ${size}px ${TEXT_FONT}`;
  const width = ctx.measureText(state.text).width;
  if (width > box.width * 0.9) {
    size = Math.max(MIN_FONT_PX, (size * box.width * 0.9) / width);
    ctx.font = `${weight} ${size}px ${TEXT_FONT}`;
  }
  ctx.textBaseline = 'middle';
  ctx.textAlign = label ? 'center' : 'left';
  ctx.fillText(state.text, label ? box.x + box.width / 2 : box.x, box.y + box.height / 2);
  ctx.restore();
}

/** A connector as a line across the middle of its box, left to right, ending in an arrowhead. */
function drawConnector(ctx: CanvasRenderingContext2D, box: Rect): void {
  const y = box.y + box.height / 2;
  const end = box.x + box.width;
  const head = Math.min(box.width / 3, CONNECTOR_WIDTH_PX * 4);
  ctx.save();
  ctx.strokeStyle = CONNECTOR_COLOUR;
  ctx.lineWidth = CONNECTOR_WIDTH_PX;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(box.x, y);
  ctx.lineTo(end, y);
  ctx.moveTo(end - head, y - head / 2);
  ctx.lineTo(end, y);
  ctx.lineTo(end - head, y + head / 2);
  ctx.stroke();
  ctx.restore();
}

/** Draws `node` and its visible children; `node` itself is drawn even when hidden when it is being exported. */
export function drawLayer(ctx: CanvasRenderingContext2D, node: HostNode, images: ImageStore, asExport = false): void {
  const state = stateOf(node);
  if ((!state.visible && !asExport) || state.type === 'SLICE') return;
  const box = absoluteBox(node);
  const shape = shapeOf(state, box);
  ctx.save();
  ctx.globalAlpha *= state.opacity;
  if (state.type !== 'TEXT') for (const paint of state.fills) drawPaint(ctx, paint, shape, box, images);
  if (state.type === 'CONNECTOR') drawConnector(ctx, box);
  if (state.text !== '') drawText(ctx, state, box);
  if (state.children.length > 0) {
    if (state.clipsContent && state.type === 'FRAME') ctx.clip(shape);
    for (const child of state.children) drawLayer(ctx, child, images);
  }
  ctx.restore();
}

/** The image hashes `node` and its children draw. */
export function imageHashesOf(node: HostNode): string[] {
  const state = stateOf(node);
  const own = state.fills.flatMap((paint) => (paint.type === 'IMAGE' ? [paint.imageHash] : []));
  return [...own, ...state.children.flatMap(imageHashesOf)];
}
