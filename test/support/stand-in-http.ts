// HTTP plumbing the provider stand-ins share: reading a capped body, reading a header, checking a reference URI.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Far above any real request: the stand-ins refuse only what no provider would take. */
export const STAND_IN_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** An https URL, or a base64 data URI (at most `maxDataUriChars`) whose bytes really are a PNG, JPEG or WebP. */
export function isImageUri(uri: string, maxDataUriChars = Number.POSITIVE_INFINITY): boolean {
  if (/^https:\/\/\S+$/.test(uri)) return true;
  if (uri.length > maxDataUriChars) return false;
  const match = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/.exec(uri);
  if (!match) return false;
  const bytes = Buffer.from(match[2] ?? '', 'base64');
  const magic: Record<string, number[]> = { png: [0x89, 0x50, 0x4e, 0x47], jpeg: [0xff, 0xd8, 0xff], webp: [0x52, 0x49, 0x46, 0x46] };
  return (magic[match[1] ?? ''] ?? []).every((b, i) => bytes[i] === b);
}

/** A header's first value, trimmed; '' when absent. */
export function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The whole body as text, or null when it exceeds STAND_IN_MAX_BODY_BYTES. */
export async function readBodyAsync(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > STAND_IN_MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Waits `ms` before answering `res`; resolves false early when the client goes away. The timer is kept in
 * `timers` while pending, so the stand-in's close() can clear what is still waiting.
 */
export function waitForClientAsync(ms: number, res: ServerResponse, timers: Set<NodeJS.Timeout>): Promise<boolean> {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve(!res.destroyed);
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    const onClose = (): void => {
      clearTimeout(timer);
      timers.delete(timer);
      resolve(false);
    };
    timers.add(timer);
    res.once('close', onClose);
  });
}

/** Lets tests wait until a stand-in has seen some number of requests; call `notify` after each one is recorded. */
export function requestWaiters(requests: { readonly length: number }, standIn: string) {
  const waiters = new Set<() => void>();
  return {
    notify(): void {
      for (const waiter of [...waiters]) waiter();
    },
    /** Settles once `count` requests were seen; fails after `timeoutMs`, saying how many came. */
    waitAsync(count: number, timeoutMs = 10_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${standIn} saw ${requests.length} of ${count} expected requests within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
