// A photo-like picture drawn in Chromium, for the benches: a sky gradient with a sun glow, hills, a few hundred
// soft "foliage" blobs, a line of text for hard edges, and ±12 levels of per-pixel noise as a camera sensor
// leaves. The noise is what makes it compress like a photo rather than an illustration. Runs in the browser.
import { seededRandom } from '../test/support/seeded-random';

function context2d(width: number, height: number): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error(`no ${width}×${height} px 2D canvas`);
  return context;
}

const HILL_COLOURS = ['#55703d', '#3f5a2e', '#2c4220'] as const;

/** The picture at `width`×`height`; `seed` varies the hills, blobs and noise. */
export function drawPhotoLike(width: number, height: number, seed = 42): HTMLCanvasElement {
  const random = seededRandom(seed);
  const c = context2d(width, height);
  const sky = c.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#2b5d9c');
  sky.addColorStop(0.55, '#f3b57a');
  sky.addColorStop(1, '#3d5a2a');
  c.fillStyle = sky;
  c.fillRect(0, 0, width, height);
  const sun = c.createRadialGradient(width * 0.7, height * 0.35, 0, width * 0.7, height * 0.35, width * 0.3);
  sun.addColorStop(0, 'rgba(255,245,210,0.95)');
  sun.addColorStop(1, 'rgba(255,200,120,0)');
  c.fillStyle = sun;
  c.fillRect(0, 0, width, height);
  for (const [layer, colour] of HILL_COLOURS.entries()) {
    c.fillStyle = colour;
    c.beginPath();
    c.moveTo(0, height);
    for (let x = 0; x <= width; x += width / 8) {
      c.quadraticCurveTo(x - width / 16, height * (0.5 + 0.1 * layer + 0.08 * random()), x, height * (0.55 + 0.1 * layer));
    }
    c.lineTo(width, height);
    c.fill();
  }
  for (let i = 0; i < 400; i++) {
    const x = random() * width;
    const y = height * (0.6 + 0.4 * random());
    const r = 10 + random() * 60;
    const blob = c.createRadialGradient(x, y, 0, x, y, r);
    blob.addColorStop(0, `hsla(${80 + random() * 60},50%,${20 + random() * 30}%,0.9)`);
    blob.addColorStop(1, 'hsla(100,40%,25%,0)');
    c.fillStyle = blob;
    c.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  c.fillStyle = '#ffffff';
  c.font = `bold ${Math.round(height / 12)}px sans-serif`;
  c.fillText('Summer collection 2025', width * 0.08, height * 0.2);
  const image = c.getImageData(0, 0, width, height);
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (random() - 0.5) * 24;
    d[i] = (d[i] as number) + n;
    d[i + 1] = (d[i + 1] as number) + n;
    d[i + 2] = (d[i + 2] as number) + n;
  }
  c.putImageData(image, 0, 0);
  return c.canvas;
}

/** The canvas scaled to `width`×`height`, as a new canvas. */
export function scaledCanvas(source: HTMLCanvasElement, width: number, height: number): HTMLCanvasElement {
  const c = context2d(width, height);
  c.imageSmoothingQuality = 'high';
  c.drawImage(source, 0, 0, width, height);
  return c.canvas;
}

/** The canvas encoded as `mime` bytes, as an export or an image file would hold them. */
export async function canvasBytesAsync(canvas: HTMLCanvasElement, mime: string, quality = 0.92): Promise<Uint8Array> {
  // toBlob is fine here: this runs in the bench's top-level page, which gets idle time, and only prepares input.
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, mime, quality));
  if (!blob) throw new Error(`the canvas could not be encoded as ${mime}`);
  return new Uint8Array(await blob.arrayBuffer());
}
