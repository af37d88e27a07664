// What may cross Figma's bridge between the sandbox and the UI (and go into clientStorage): plain objects,
// arrays, primitives, Date and Uint8Array. Figma refuses ArrayBuffer, Blob, other typed arrays and functions,
// so the host does too, naming what and where.

function kindOf(value: object | ((...args: never[]) => unknown)): string | null {
  if (typeof value === 'function') return 'a function';
  if (value instanceof Uint8Array || value instanceof Date || Array.isArray(value)) return null;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return null;
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) return 'a SharedArrayBuffer';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (value instanceof Blob) return `a ${value.constructor.name}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a prototype';
}

/** Why `value` can't cross the bridge (e.g. "an ArrayBuffer at message.bytes"), or null when it can. */
export function crossingProblem(value: unknown, where = 'message', seen = new Set<object>()): string | null {
  if (typeof value === 'symbol') return `a symbol at ${where}`;
  if (typeof value !== 'object' && typeof value !== 'function') return null;
  if (value === null || seen.has(value)) return null;
  const kind = kindOf(value);
  if (kind !== null) return `${kind} at ${where}`;
  if (value instanceof Uint8Array || value instanceof Date) return null;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    const problem = crossingProblem(item, Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`, seen);
    if (problem !== null) return problem;
  }
  return null;
}

/** A copy of `value` as the other side receives it (new objects; a Uint8Array with its own buffer). */
export function copyAcross<T>(value: T, copies = new Map<object, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known as T;
  if (value instanceof Uint8Array) return value.slice() as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) (copy as Record<string, unknown>)[key] = copyAcross(item, copies);
  return copy as T;
}
