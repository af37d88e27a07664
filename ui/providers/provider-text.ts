// Small text and JSON helpers both provider protocols use, kept in one place so the inlined UI bundle carries them once.

/** The parsed JSON `text`, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `value` as a plain object, or null for anything else (arrays included). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** `url` without its trailing slashes. */
export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** "HH:MM UTC" for `at`. */
export function utcClock(at: Date): string {
  const pad2 = (n: number): string => String(n).padStart(2, '0');
  return `${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())} UTC`;
}

/** `text` cut to `max` characters, ending in an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `text` with its whitespace runs collapsed to single spaces and trimmed. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * How many characters of `text` no readable text holds: control characters other than whitespace, and U+FFFD (what
 * undecodable bytes become). Binary noise (an image of an unknown kind, a compressed body) is full of them.
 */
export function unreadableChars(text: string): number {
  // eslint-disable-next-line no-control-regex -- control characters are what this counts
  return text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
}

/** Reads a header value `text` as a non-negative decimal number ("12", "1.5"), or null. */
export function decimal(text: string | undefined): number | null {
  return text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}
