// Paints as the host's layers hold them: Figma's SOLID and IMAGE paints, checked when assigned and frozen,
// because Figma's fills arrays are immutable (a plugin must assign a new array).
import type { HostPaint } from '../host-api';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

export type ScaleMode = 'FILL' | 'FIT' | 'CROP' | 'TILE';

export type Paint =
  | { readonly type: 'SOLID'; readonly color: Rgb; readonly opacity?: number; readonly visible?: boolean; readonly blendMode?: string }
  | {
      readonly type: 'IMAGE';
      readonly imageHash: string;
      readonly scaleMode: ScaleMode;
      readonly opacity?: number;
      readonly visible?: boolean;
      readonly blendMode?: string;
    };

const SCALE_MODES: readonly string[] = ['FILL', 'FIT', 'CROP', 'TILE'];

function isUnit(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

function checkCommon(paint: Record<string, unknown>, where: string): void {
  if (paint.opacity !== undefined && !isUnit(paint.opacity)) throw new Error(`${where}.opacity must be a number from 0 to 1`);
  if (paint.visible !== undefined && typeof paint.visible !== 'boolean') throw new Error(`${where}.visible must be true or false`);
  if (paint.blendMode !== undefined && typeof paint.blendMode !== 'string') throw new Error(`${where}.blendMode must be a blend mode name`);
}

function checkPaint(value: unknown, where: string, hasImage: (hash: string) => boolean): Paint {
  if (typeof value !== 'object' || value === null) throw new Error(`${where} must be a paint object`);
  const paint = value as Record<string, unknown>;
  checkCommon(paint, where);
  const common = {
    ...(paint.opacity === undefined ? {} : { opacity: paint.opacity as number }),
    ...(paint.visible === undefined ? {} : { visible: paint.visible as boolean }),
    ...(paint.blendMode === undefined ? {} : { blendMode: paint.blendMode as string }),
  };
  if (paint.type === 'SOLID') {
    const color = paint.color as Record<string, unknown> | null | undefined;
    if (typeof color !== 'object' || color === null || !isUnit(color.r) || !isUnit(color.g) || !isUnit(color.b)) {
      throw new Error(`${where}.color must be {r, g, b} with each channel from 0 to 1`);
    }
    return Object.freeze({ type: 'SOLID', color: Object.freeze({ r: color.r, g: color.g, b: color.b }), ...common });
  }
  if (paint.type === 'IMAGE') {
    if (typeof paint.imageHash !== 'string' || !hasImage(paint.imageHash)) {
      throw new Error(`${where}.imageHash ${JSON.stringify(paint.imageHash)} is not an image made with figma.createImage`);
    }
    if (typeof paint.scaleMode !== 'string' || !SCALE_MODES.includes(paint.scaleMode)) {
      throw new Error(`${where}.scaleMode must be one of ${SCALE_MODES.join(', ')}`);
    }
    return Object.freeze({ type: 'IMAGE', imageHash: paint.imageHash, scaleMode: paint.scaleMode as ScaleMode, ...common });
  }
  throw new Error(`${where}.type ${JSON.stringify(paint.type)} is not drawn by the host: use SOLID or IMAGE paints`);
}

/** `value` as a frozen array of frozen paints; throws a message naming the bad paint. */
export function checkPaints(value: unknown, hasImage: (hash: string) => boolean): readonly Paint[] {
  if (!Array.isArray(value)) throw new Error('fills must be an array of paints (assign a new array)');
  return Object.freeze(value.map((paint, i) => checkPaint(paint, `fills[${i}]`, hasImage)));
}

/** A paint as window.host reports it. */
export function toHostPaint(paint: Paint): HostPaint {
  if (paint.type === 'IMAGE') return { type: 'IMAGE', imageHash: paint.imageHash, scaleMode: paint.scaleMode };
  const color = { r: paint.color.r, g: paint.color.g, b: paint.color.b };
  return paint.opacity === undefined ? { type: 'SOLID', color } : { type: 'SOLID', color, opacity: paint.opacity };
}

/** A CSS colour for drawing `color` at `opacity`. */
export function cssColour(color: Rgb, opacity = 1): string {
  const channel = (value: number): number => Math.round(value * 255);
  return `rgba(${channel(color.r)}, ${channel(color.g)}, ${channel(color.b)}, ${opacity})`;
}
