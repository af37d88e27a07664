// Base64 for image bytes and data URIs. Uint8Array's own toBase64/fromBase64 (Chromium 140, Safari 18.2,
// Firefox 133) are several times faster than FileReader or atob, but Figma's desktop app may run an older
// engine, so each call looks for them and falls back to chunked btoa/atob.

/** The native methods, where the engine has them (not yet in TypeScript's ES2020 and DOM typings). */
interface NativeToBase64 {
  readonly toBase64?: (this: Uint8Array) => string;
}
interface NativeFromBase64 {
  readonly fromBase64?: (text: string) => Uint8Array;
}

/** String.fromCharCode gets at most this many arguments at once: engines cap an argument list's length. */
const CHUNK_BYTES = 0x8000;

/** `bytes` as base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeToBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK_BYTES));
  }
  return btoa(binary);
}

/** The bytes `base64` encodes, or null when it isn't base64. */
export function base64ToBytes(base64: string): Uint8Array | null {
  const native = (Uint8Array as NativeFromBase64).fromBase64;
  try {
    if (typeof native === 'function') return native.call(Uint8Array, base64);
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    // Both throw for a character outside the alphabet or a misplaced `=`.
    return null;
  }
}
