// figma.clientStorage, kept in the host page's localStorage under the plugin's id, so it survives closing and
// reopening the plugin and reloading the page, as Figma's survives restarts. Values are what may cross the
// bridge (plain data, Date, Uint8Array); 5 MB in all, as in Figma.
import { crossingProblem } from './crossing';

/** Figma's total for one plugin's client storage. */
export const MAX_CLIENT_STORAGE_BYTES = 5 * 1024 * 1024;
const U8_TAG = '\u0000u8';
const DATE_TAG = '\u0000date';
const UNDEFINED_TAG = '\u0000undefined';

function encode(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string) {
    // `this[key]` is the value before toJSON, so a Date arrives here as a Date, not its string.
    const raw = this[key];
    if (raw instanceof Uint8Array) {
      let binary = '';
      for (const byte of raw) binary += String.fromCharCode(byte);
      return { [U8_TAG]: btoa(binary) };
    }
    if (raw instanceof Date) return { [DATE_TAG]: raw.getTime() };
    if (raw === undefined) return { [UNDEFINED_TAG]: true };
    return raw;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    if (typeof record[U8_TAG] === 'string') return Uint8Array.from(atob(record[U8_TAG]), (c) => c.charCodeAt(0));
    if (typeof record[DATE_TAG] === 'number') return new Date(record[DATE_TAG]);
    if (record[UNDEFINED_TAG] === true) return undefined;
    return value;
  });
}

function checkKey(key: unknown, method: string): string {
  if (typeof key !== 'string' || key === '') throw new Error(`clientStorage.${method} needs a non-empty string key`);
  return key;
}

export class HostClientStorage {
  readonly #storageKey: string;

  constructor(
    pluginId: string,
    private readonly storage: Storage,
  ) {
    this.#storageKey = `figma-host/client-storage/${pluginId}`;
  }

  /** Every entry, encoded. */
  #entries(): Record<string, string> {
    const text = this.storage.getItem(this.#storageKey);
    if (text === null) return {};
    try {
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new Error(`The host's client storage (localStorage "${this.#storageKey}") is damaged: remove that item to start afresh`);
    }
  }

  async getAsync(key: string): Promise<unknown> {
    const entry = this.#entries()[checkKey(key, 'getAsync')];
    return entry === undefined ? undefined : decode(entry);
  }

  async setAsync(key: string, value: unknown): Promise<void> {
    checkKey(key, 'setAsync');
    const problem = crossingProblem(value, 'value');
    if (problem !== null) throw new Error(`clientStorage.setAsync("${key}") can't store ${problem}`);
    const entries = { ...this.#entries(), [key]: encode(value) };
    const bytes = Object.entries(entries).reduce((sum, [k, v]) => sum + new TextEncoder().encode(k + v).length, 0);
    // The message never quotes the value: it may be a secret.
    if (bytes > MAX_CLIENT_STORAGE_BYTES) {
      throw new Error(`clientStorage.setAsync("${key}"): storage would hold ${bytes} bytes, over the 5 MB limit`);
    }
    this.storage.setItem(this.#storageKey, JSON.stringify(entries));
  }

  async deleteAsync(key: string): Promise<void> {
    const entries = this.#entries();
    delete entries[checkKey(key, 'deleteAsync')];
    this.storage.setItem(this.#storageKey, JSON.stringify(entries));
  }

  async keysAsync(): Promise<string[]> {
    return Object.keys(this.#entries());
  }

  /** Every value as stored, decoded. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.#entries()).map(([key, text]) => [key, decode(text)]));
  }
}
