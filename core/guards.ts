// Checks for data that came over the bridge or out of storage, shared by every parser.

/** `value` as a plain object's fields, or null for anything else (arrays too). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** True for text. */
export const isText = (value: unknown): value is string => typeof value === 'string';

/** True for a whole number from 0. */
export const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
