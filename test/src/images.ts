// Real image bytes for the sandbox tests, made with pngjs and jpeg-js, and a decoder to check them.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A 1×1 GIF (the classic transparent pixel). */
export const GIF_1X1 = new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
/** A 1×1 lossless WebP, which Figma's createImage does not take. */
export const WEBP_1X1 = new Uint8Array(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));

function pixels(width: number, height: number, alpha: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 40;
    data[i + 1] = 120;
    data[i + 2] = 200;
    data[i + 3] = alpha;
  }
  return data;
}

/** PNG bytes of a width × height image; `alpha` below 255 makes it see-through. */
export function pngBytes(width: number, height: number, alpha = 255): Uint8Array {
  const png = new PNG({ width, height });
  pixels(width, height, alpha).copy(png.data);
  return new Uint8Array(PNG.sync.write(png));
}

/** JPEG bytes of a width × height image. */
export function jpegBytes(width: number, height: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ width, height, data: pixels(width, height, 255) }, 80).data);
}

/** Decodes PNG or JPEG bytes fully (throwing on damaged data) and returns what they are. */
export function decodeImage(bytes: Uint8Array): { kind: 'png' | 'jpeg'; width: number; height: number } {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { kind: 'png', width: png.width, height: png.height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const image = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: 100 });
    return { kind: 'jpeg', width: image.width, height: image.height };
  }
  throw new Error('Image type is unsupported');
}
