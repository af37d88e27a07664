// Injected into the host page by bench/flow.ts: photo-like pictures as blob: URLs, for layers' image fills
// (LayerSpec.imageUrl), so the bench can select large photo frames without files on disk.
import { canvasBytesAsync, drawPhotoLike } from './photo-like';

declare global {
  interface Window {
    benchPhotoUrlAsync(width: number, height: number, seed: number): Promise<string>;
  }
}

window.benchPhotoUrlAsync = async (width, height, seed) => {
  // A JPEG, as a photo placed in Figma usually is.
  const bytes = await canvasBytesAsync(drawPhotoLike(width, height, seed), 'image/jpeg');
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
};
