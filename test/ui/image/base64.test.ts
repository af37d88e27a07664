// Base64 both ways, through the engine's own Uint8Array.prototype.toBase64 / Uint8Array.fromBase64 when it has them
// and through the btoa/atob fallback when it hasn't; Node's Buffer is the independent reference. Each path is
// chosen by installing or removing the native methods, so the tests mean the same on any Node version.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../ui/image/base64';
import { seededRandom } from '../../support/seeded-random';

const PROTOTYPE_KEY = 'toBase64';
const CONSTRUCTOR_KEY = 'fromBase64';
const originalToBase64 = Object.getOwnPropertyDescriptor(Uint8Array.prototype, PROTOTYPE_KEY);
const originalFromBase64 = Object.getOwnPropertyDescriptor(Uint8Array, CONSTRUCTOR_KEY);

function restore(target: object, key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(target, key, descriptor);
  else Reflect.deleteProperty(target, key);
}

afterEach(() => {
  restore(Uint8Array.prototype, PROTOTYPE_KEY, originalToBase64);
  restore(Uint8Array, CONSTRUCTOR_KEY, originalFromBase64);
});

function withoutNative(): void {
  Reflect.deleteProperty(Uint8Array.prototype, PROTOTYPE_KEY);
  Reflect.deleteProperty(Uint8Array, CONSTRUCTOR_KEY);
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Stand-ins for the native methods with their contract (fromBase64 throws a SyntaxError for bad input), as spies. */
function withNative() {
  const toBase64 = vi.fn(function (this: Uint8Array) {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  });
  const fromBase64 = vi.fn((text: string) => {
    if (!STRICT_BASE64.test(text)) throw new SyntaxError('not base64');
    return new Uint8Array(Buffer.from(text, 'base64'));
  });
  Object.defineProperty(Uint8Array.prototype, PROTOTYPE_KEY, { value: toBase64, configurable: true, writable: true });
  Object.defineProperty(Uint8Array, CONSTRUCTOR_KEY, { value: fromBase64, configurable: true, writable: true });
  return { toBase64, fromBase64 };
}

function randomBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** Compared as Buffers: toEqual walks a 100 kB array element by element, for seconds. */
function sameBytes(actual: Uint8Array | null, expected: Uint8Array): boolean {
  return actual !== null && Buffer.from(actual).equals(Buffer.from(expected));
}

function reference(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** RFC 4648 §10's test vectors. */
const VECTORS: readonly [string, string][] = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];
const encoder = new TextEncoder();
const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);
/** Longer than the fallback's 32 KiB chunk, and not a multiple of it or of 3. */
const LARGE = randomBytes(100_003, 7);

describe.each([
  ['the fallback (no native methods)', withoutNative],
  ['the native methods', withNative],
])('%s', (_name, install) => {
  it('encodes and decodes the RFC 4648 vectors', () => {
    install();
    for (const [text, base64] of VECTORS) {
      expect(bytesToBase64(encoder.encode(text)), text).toBe(base64);
      expect(base64ToBytes(base64), base64).toEqual(encoder.encode(text));
    }
  });

  it('round-trips every byte value and bytes longer than a chunk, as Node encodes them', () => {
    install();
    for (const bytes of [EVERY_BYTE, LARGE]) {
      const base64 = bytesToBase64(bytes);
      expect(base64).toBe(reference(bytes));
      expect(sameBytes(base64ToBytes(base64), bytes)).toBe(true);
    }
  });

  it('encodes only the viewed part of a larger buffer', () => {
    install();
    const view = LARGE.subarray(1001, 1011);
    expect(bytesToBase64(view)).toBe(reference(view));
  });

  it('answers null for text that is not base64', () => {
    install();
    for (const text of ['abc$', 'ab=c', 'data:image/png;base64,AAAA', 'Zg==Zg=']) expect(base64ToBytes(text), text).toBeNull();
  });
});

describe('choosing the path', () => {
  it('uses the engine’s own methods when it has them', () => {
    const native = withNative();
    const bytes = randomBytes(50, 3);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(native.toBase64).toHaveBeenCalledTimes(1);
    expect(native.toBase64.mock.contexts[0]).toBe(bytes);
    expect(native.fromBase64).toHaveBeenCalledTimes(1);
  });

  it('gives the same text on either path', () => {
    withoutNative();
    const fallback = bytesToBase64(LARGE);
    withNative();
    expect(bytesToBase64(LARGE)).toBe(fallback);
  });
});
