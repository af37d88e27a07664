// How a secret (an API key, the relay token) is kept out of what the designer reads: one mask for the panel and the
// sandbox, and the one rule for what can travel in a request header.

/** What a secret is replaced with wherever it would show up in a message. */
export const REDACTED = '[key hidden]';

/** `text` with every occurrence of each secret replaced by REDACTED; blank and missing secrets are skipped. */
export function hideSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let hidden = text;
  for (const secret of secrets) {
    const needle = secret?.trim() ?? '';
    if (needle !== '') hidden = hidden.split(needle).join(REDACTED);
  }
  return hidden;
}

/** True when `value`, trimmed, can travel in a request header: fetch refuses one holding a space, a line break or a non-Latin letter. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x21-\x7e]*$/.test(value.trim());
}
