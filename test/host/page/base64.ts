// figma.base64Encode / base64Decode: the sandbox has no atob or btoa, so Figma offers these instead.

/** `bytes` as base64 text. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode takes only so many arguments at once.
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The bytes base64 `text` stands for; throws, as Figma does, for text that is not base64. */
export function decodeBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('figma.base64Decode: the text is not base64');
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
