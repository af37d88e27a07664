// The relay token guards the relay's provider keys, so it is compared in constant time: both sides are hashed
// first, which also hides the token's length, and the digests are compared without an early exit.

/** True when the caller's token equals the relay's, compared in time independent of where they differ. */
export async function tokensMatchAsync(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digestAsync(given), digestAsync(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

async function digestAsync(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
