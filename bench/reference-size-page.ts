// The reference-size bench's top-level page: draws the photo-like frame, "exports" it as the sandbox would, and
// hands the export to a fresh sandboxed srcdoc iframe per run, where the timing happens. The plugin's panel lives
// in such an iframe, whose renderer may get no idle time: a top-level page would hide that.
import { exportScale } from '../core/reference-size';
import type { ExportMime } from '../core/protocol';
import { canvasBytesAsync, drawPhotoLike, scaledCanvas } from './photo-like';
import type { FrameAnswer } from './reference-size-frame';

export interface ExportInfo {
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
}

export interface ReferenceBenchPage {
  /** Draws the frame and keeps its PNG and JPEG exports at the sandbox's scale. */
  exportAsync(frameWidth: number, frameHeight: number): Promise<Record<ExportMime, ExportInfo>>;
  /** Prepares the `mime` export in a new iframe running `frameScript` (safe to inline), then removes the iframe. */
  runInFreshFrameAsync(mime: ExportMime, frameScript: string): Promise<FrameAnswer>;
}

declare global {
  interface Window {
    referenceBench: ReferenceBenchPage;
  }
}

/** Figma's plugin iframe allows scripts only (test/host/page/plugin-window.ts). */
const FRAME_SANDBOX = 'allow-scripts';
/** The plugin window's default size. */
const FRAME_WIDTH_PX = 360;
const FRAME_HEIGHT_PX = 640;

const exports = new Map<ExportMime, Uint8Array>();

window.referenceBench = {
  async exportAsync(frameWidth, frameHeight) {
    const photo = drawPhotoLike(frameWidth, frameHeight);
    const scale = exportScale(frameWidth, frameHeight);
    const exported = scaledCanvas(photo, Math.round(frameWidth * scale), Math.round(frameHeight * scale));
    const info: Partial<Record<ExportMime, ExportInfo>> = {};
    for (const mime of ['image/png', 'image/jpeg'] as const) {
      const bytes = await canvasBytesAsync(exported, mime);
      exports.set(mime, bytes);
      info[mime] = { bytes: bytes.length, width: exported.width, height: exported.height };
    }
    return info as Record<ExportMime, ExportInfo>;
  },

  runInFreshFrameAsync(mime, frameScript) {
    const bytes = exports.get(mime);
    if (!bytes) return Promise.reject(new Error(`no ${mime} export yet: call exportAsync first`));
    return new Promise<FrameAnswer>((resolve) => {
      const frame = document.createElement('iframe');
      frame.sandbox.value = FRAME_SANDBOX;
      frame.width = String(FRAME_WIDTH_PX);
      frame.height = String(FRAME_HEIGHT_PX);
      const listen = (event: MessageEvent<FrameAnswer | { ready: true }>): void => {
        if (event.source !== frame.contentWindow) return;
        if ('ready' in event.data) {
          frame.contentWindow?.postMessage({ bytes, mime }, '*');
          return;
        }
        removeEventListener('message', listen);
        frame.remove();
        resolve(event.data);
      };
      addEventListener('message', listen);
      frame.srcdoc = `<!doctype html><html><body><script>${frameScript}</script></body></html>`;
      document.body.append(frame);
    });
  },
};
