// Small text and JSON helpers both provider protocols use, kept in one place so the inlined UI bundle carries them once:
// among them, how a provider's error body is read for what it said.

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

/** Provider messages are cut to this many characters, so an HTML page or a stack trace can't flood the panel. */
export const MAX_PROVIDER_MESSAGE_CHARS = 240;

/** Collapses whitespace and cuts to `max` characters, at a word boundary when one is near. */
export function tidy(text: string, max = MAX_PROVIDER_MESSAGE_CHARS): string {
  const flat = flatten(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.75 ? cut.slice(0, space) : cut}…`;
}

/** What a provider said in a body, and whether it was JSON. */
export interface Said {
  /** Its own words, tidied and cut; null when the body says nothing readable. */
  readonly said: string | null;
  readonly fromJson: boolean;
}

/**
 * What a provider said in the body `text` (of `contentType`): a JSON body's error, message or detail, with the
 * fields its `issues` name (Runway's validation errors); an HTML page's title or heading, else its text; or plain
 * text, unless it is binary noise (an image of an unknown kind, a compressed body), which says nothing.
 */
export function saidInBody(text: string, contentType: string | null): Said {
  if (text.trim() === '') return { said: null, fromJson: false };
  const json = parseJson(text);
  if (json !== undefined) return { said: jsonSaid(json), fromJson: true };
  if (/html|xml/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body|title|\?xml)/i.test(text)) {
    return { said: htmlSaid(text), fromJson: false };
  }
  return { said: unreadableChars(text) > text.length / 20 ? null : tidy(text), fromJson: false };
}

function jsonSaid(json: unknown): string | null {
  if (typeof json === 'string') return tidy(json);
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of ['error', 'message', 'detail']) {
    const value = record[field];
    const said = typeof value === 'string' ? value.trim() : typeof value === 'object' && value !== null ? jsonSaid(value) : null;
    if (said) {
      parts.push(said);
      break;
    }
  }
  if (Array.isArray(record.issues)) {
    for (const issue of record.issues.slice(0, 3)) {
      const item = asRecord(issue);
      const path = Array.isArray(item?.path) ? item.path.map(String).join('.') : '';
      const message = typeof item?.message === 'string' ? item.message : '';
      if (path !== '' || message !== '') parts.push(path === '' ? message : `${path}: ${message}`);
    }
  }
  return tidy(parts.length > 0 ? parts.join('; ') : JSON.stringify(json));
}

function htmlSaid(html: string): string | null {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const text = (title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' '))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return tidy(text) || null;
}
