// Runs inside the reference-size bench's sandboxed srcdoc iframe (origin null, as Figma's plugin UI): takes an
// exported image from the parent, times prepareReferenceAsync on it there, and posts the figures back.
import { prepareReferenceAsync } from '../ui/image/prepare-reference';
import type { ExportMime } from '../core/protocol';

/** What the parent sends: one export to prepare. */
export interface FrameJob {
  readonly bytes: Uint8Array;
  readonly mime: ExportMime;
}

/** What the frame answers: plain data only. */
export type FrameAnswer =
  | {
      readonly ok: true;
      /** The first prepare in this fresh iframe. */
      readonly singleMs: number;
      /** Three prepared at once, as a request's three references can be, on the same bytes. */
      readonly threeMs: number;
      readonly mime: string;
      readonly width: number;
      readonly height: number;
      readonly chars: number;
    }
  | { readonly ok: false; readonly message: string };

async function runAsync({ bytes, mime }: FrameJob): Promise<FrameAnswer> {
  const start = performance.now();
  const outcome = await prepareReferenceAsync(bytes, mime);
  const singleMs = performance.now() - start;
  if (!outcome.ok) return { ok: false, message: outcome.message };
  const threeStart = performance.now();
  await Promise.all([prepareReferenceAsync(bytes, mime), prepareReferenceAsync(bytes, mime), prepareReferenceAsync(bytes, mime)]);
  const threeMs = performance.now() - threeStart;
  const { width, height, chars } = outcome.reference;
  return { ok: true, singleMs, threeMs, mime: outcome.reference.mime, width, height, chars };
}

addEventListener('message', (event: MessageEvent<FrameJob>) => {
  void runAsync(event.data)
    .catch((error: unknown) => ({ ok: false as const, message: String(error) }))
    .then((answer) => parent.postMessage(answer, '*'));
});
parent.postMessage({ ready: true }, '*');
