// window.host.addLayer: a LayerSpec checked field by field and turned into a layer. An image URL becomes an IMAGE
// fill through the same createImage checks the plugin meets; an SVG (the samples) is first drawn to a PNG, as
// Figma would need a raster for an image fill.
import type { LayerSpec } from '../host-api';
import type { HostDocument } from './document';
import type { StoredImage } from './image-store';
import { HostNode, isContainer, stateOf } from './nodes';
import type { LayerType } from './nodes';
import { checkPaints } from './paints';
import type { Paint, Rgb } from './paints';

const LAYER_TYPES: readonly LayerType[] = [
  'FRAME',
  'RECTANGLE',
  'ELLIPSE',
  'GROUP',
  'TEXT',
  'SLICE',
  'STICKY',
  'SHAPE_WITH_TEXT',
  'CONNECTOR',
  'SECTION',
];
/** Figma's default fills for new layers of each type. */
const DEFAULT_FILL: Partial<Record<LayerType, Rgb>> = {
  FRAME: { r: 1, g: 1, b: 1 },
  RECTANGLE: { r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 },
  ELLIPSE: { r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 },
  TEXT: { r: 0, g: 0, b: 0 },
  // FigJam's palette: the yellow sticky, the light grey shape, the white section.
  STICKY: { r: 0xff / 255, g: 0xe2 / 255, b: 0x99 / 255 },
  SHAPE_WITH_TEXT: { r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 },
  SECTION: { r: 1, g: 1, b: 1 },
};
/** SVGs are drawn at twice the layer's size (Retina-sharp on the canvas), within Figma's image limit. */
const SVG_RASTER_SCALE = 2;
const MAX_RASTER_EDGE_PX = 4096;

function fail(message: string): never {
  throw new Error(`addLayer: ${message}`);
}

/** A CSS colour as a paint colour and opacity, or null when the browser doesn't know the colour. */
function parseColour(css: string): { color: Rgb; opacity: number } | null {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return null;
  // An invalid colour leaves fillStyle as it was: two different starting values tell it apart.
  const read = (start: string): string => {
    ctx.fillStyle = start;
    ctx.fillStyle = css;
    return String(ctx.fillStyle);
  };
  const value = read('#010203');
  if (value !== read('#030201')) return null;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return { color: { r: parseInt(hex[1]!, 16) / 255, g: parseInt(hex[2]!, 16) / 255, b: parseInt(hex[3]!, 16) / 255 }, opacity: 1 };
  const rgba = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(value);
  if (!rgba) return null;
  return { color: { r: Number(rgba[1]) / 255, g: Number(rgba[2]) / 255, b: Number(rgba[3]) / 255 }, opacity: Number(rgba[4] ?? 1) };
}

/** Draws SVG text to PNG bytes at `width`×`height` px. */
async function rasteriseSvgAsync(svg: Blob, width: number, height: number): Promise<Uint8Array> {
  const url = URL.createObjectURL(svg);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(`no ${width}×${height} px canvas to draw the SVG`);
    ctx.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the SVG could not be encoded as PNG');
    return new Uint8Array(await png.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The image at `url` as bytes for createImage; SVGs are drawn to PNG at the layer's size. */
async function imageBytesAsync(url: string, width: number, height: number): Promise<Uint8Array> {
  const response = await fetch(url).catch((error: unknown) => fail(`couldn't load ${url}: ${String(error)}`));
  if (!response.ok) fail(`couldn't load ${url}: HTTP ${response.status}`);
  const blob = await response.blob();
  const head = new TextDecoder().decode(await blob.slice(0, 256).arrayBuffer());
  if (!blob.type.includes('svg') && !/^\s*(<\?xml[^>]*>\s*)?<svg\b/i.test(head)) return new Uint8Array(await blob.arrayBuffer());
  const scale = Math.min(SVG_RASTER_SCALE, MAX_RASTER_EDGE_PX / Math.max(width, height));
  return rasteriseSvgAsync(
    new Blob([blob], { type: 'image/svg+xml' }),
    Math.max(1, Math.round(width * scale)),
    Math.max(1, Math.round(height * scale)),
  );
}

function finiteField(spec: Record<string, unknown>, field: string, min = -Infinity): number {
  const value = spec[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(`${field} must be a number${min > -Infinity ? ` of at least ${min}` : ''}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optional<T>(spec: Record<string, unknown>, field: string, check: (value: unknown) => value is T, what: string): T | undefined {
  const value = spec[field];
  if (value === undefined) return undefined;
  if (!check(value)) fail(`${field} must be ${what}, got ${JSON.stringify(value)}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isUnit = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

/** Adds the layer `input` describes to the current page (or inside its parentId) and returns it. */
export async function addLayerAsync(doc: HostDocument, input: unknown): Promise<HostNode> {
  if (typeof input !== 'object' || input === null) fail('expects a LayerSpec object');
  const spec = input as Record<string, unknown> & Partial<LayerSpec>;
  if (typeof spec.name !== 'string') fail('name must be a string');
  const type = (spec.type ?? 'FRAME') as LayerType;
  if (!LAYER_TYPES.includes(type)) fail(`type must be one of ${LAYER_TYPES.join(', ')}, got ${JSON.stringify(spec.type)}`);
  const x = finiteField(spec, 'x');
  const y = finiteField(spec, 'y');
  const width = finiteField(spec, 'width', 0.01);
  const height = finiteField(spec, 'height', 0.01);
  const fill = optional(spec, 'fill', isString, 'a CSS colour');
  const imageUrl = optional(spec, 'imageUrl', isString, 'a URL');
  const text = optional(spec, 'text', isString, 'a string');
  const visible = optional(spec, 'visible', isBoolean, 'true or false');
  const opacity = optional(spec, 'opacity', isUnit, 'a number from 0 to 1');
  const clipsContent = optional(spec, 'clipsContent', isBoolean, 'true or false');
  const parentId = optional(spec, 'parentId', isString, 'a layer id');
  if (type === 'CONNECTOR' && (fill !== undefined || imageUrl !== undefined)) fail(`"${spec.name}" is a CONNECTOR, a line with no fills`);

  let parent: HostNode | typeof doc.currentPage = doc.currentPage;
  if (parentId !== undefined) {
    const found = doc.nodeById(parentId);
    if (!(found instanceof HostNode)) fail(`there is no layer with id ${JSON.stringify(parentId)} to put "${spec.name}" in`);
    if (!isContainer(stateOf(found).type)) fail(`"${stateOf(found).name}" is a ${stateOf(found).type}, which can't hold layers`);
    parent = found;
  }

  const fills: Paint[] = [];
  if (fill !== undefined) {
    const colour = parseColour(fill);
    if (!colour) fail(`fill ${JSON.stringify(fill)} is not a CSS colour`);
    fills.push(
      colour.opacity === 1 ? { type: 'SOLID', color: colour.color } : { type: 'SOLID', color: colour.color, opacity: colour.opacity },
    );
  } else if (imageUrl === undefined && DEFAULT_FILL[type]) {
    fills.push({ type: 'SOLID', color: DEFAULT_FILL[type] });
  }
  if (imageUrl !== undefined) {
    const bytes = await imageBytesAsync(imageUrl, width, height);
    let image: StoredImage;
    try {
      image = doc.images.add(bytes);
    } catch (error) {
      fail(`the image at ${imageUrl} can't be an image fill: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Decoded before the layer appears, so it is drawn (and can be exported) from the start.
    await image.decoded;
    if (image.broken !== null) fail(`the image at ${imageUrl} can't be shown: ${image.broken}`);
    fills.push({ type: 'IMAGE', imageHash: image.hash, scaleMode: 'FILL' });
  }

  return doc.createLayer(
    type,
    {
      name: spec.name,
      x,
      y,
      width,
      height,
      fills: checkPaints(fills, (hash) => doc.hasImage(hash)),
      ...(visible === undefined ? {} : { visible }),
      ...(opacity === undefined ? {} : { opacity }),
      ...(clipsContent === undefined ? {} : { clipsContent }),
      ...(text === undefined ? {} : { text }),
    },
    parent,
  );
}
