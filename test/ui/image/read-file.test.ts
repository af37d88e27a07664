// @vitest-environment happy-dom
// Image files judged by their bytes: real PNG and JPEG encodings (pngjs, jpeg-js), a WebP container header,
// and files that only look like images by their name or MIME type.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  checkImageFile,
  fileSizeProblem,
  MAX_REFERENCE_FILE_BYTES,
  MAX_REFERENCE_FILE_EDGE_PX,
  readImageFileAsync,
} from '../../../ui/image/read-file';

function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return new Uint8Array(PNG.sync.write(image));
}

function jpg(width: number, height: number): Uint8Array<ArrayBuffer> {
  const data = Buffer.alloc(width * height * 4, 120);
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

/** A lossless WebP container of `width` × `height` (header and declared length: what the check reads). */
function webp(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14);
  const payload = [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff, 0, 0, 0];
  const chunk = [...'VP8L'].map((c) => c.charCodeAt(0)).concat([payload.length, 0, 0, 0], payload);
  const size = 4 + chunk.length;
  return new Uint8Array(
    [...'RIFF']
      .map((c) => c.charCodeAt(0))
      .concat(
        [size & 0xff, size >> 8, 0, 0],
        [...'WEBP'].map((c) => c.charCodeAt(0)),
        chunk,
      ),
  );
}

/** A PNG header claiming `width` × `height`, with the end marker, so only its size is wrong. */
function pngClaiming(width: number, height: number): Uint8Array {
  const bytes = png(4, 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('accepted files', () => {
  it.each([
    ['Red dress.png', png(40, 30), 'image/png'],
    ['photo.jpg', jpg(40, 30), 'image/jpeg'],
    ['shoe.webp', webp(40, 30), 'image/webp'],
  ] as const)('takes %s as %s, judged by its bytes', (name, bytes, mime) => {
    expect(checkImageFile(name, bytes)).toEqual({ ok: true, file: { name, bytes, mime } });
  });

  it('goes by the bytes, not the extension: a PNG named .jpg is a PNG', () => {
    const outcome = checkImageFile('misnamed.jpg', png(8, 8));
    expect(outcome.ok && outcome.file.mime).toBe('image/png');
  });

  it('takes an image whose sides are just under the limit', () => {
    expect(checkImageFile('wide.png', pngClaiming(MAX_REFERENCE_FILE_EDGE_PX, 10)).ok).toBe(true);
  });
});

describe('refused files', () => {
  it('names a PDF and says which formats to drop', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    expect(checkImageFile('notes.pdf', pdf)).toEqual({ ok: false, message: "“notes.pdf” isn't an image: drop a PNG, JPEG or WebP" });
  });

  it('refuses text named .png', () => {
    expect(checkImageFile('fake.png', new TextEncoder().encode('not really'))).toEqual({
      ok: false,
      message: "“fake.png” isn't an image: drop a PNG, JPEG or WebP",
    });
  });

  it('refuses an empty file', () => {
    expect(checkImageFile('empty.png', new Uint8Array(0))).toEqual({
      ok: false,
      message: '“empty.png” is empty (0 bytes): drop a PNG, JPEG or WebP',
    });
  });

  it('refuses a GIF, which the model does not take', () => {
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 10, 0, 0, 0, 0, 0x3b]);
    expect(checkImageFile('anim.gif', gif)).toEqual({
      ok: false,
      message: "“anim.gif” is a GIF, which the model doesn't take: drop a PNG, JPEG or WebP",
    });
  });

  it.each([
    ['a PNG cut in half', 'half.png', png(64, 64).subarray(0, 60)],
    ['a JPEG without its end', 'half.jpg', jpg(64, 64).subarray(0, 200)],
    ['a PNG header alone', 'header.png', png(8, 8).subarray(0, 20)],
  ])('refuses %s as damaged', (_, name, bytes) => {
    expect(checkImageFile(name, bytes)).toEqual({
      ok: false,
      message: `“${name}” is damaged or cut short: drop a PNG, JPEG or WebP that opens in other apps`,
    });
  });

  it('refuses an image 8000 px or more a side', () => {
    expect(checkImageFile('huge.png', pngClaiming(8000, 600))).toEqual({
      ok: false,
      message: '“huge.png” is 8000×600 px: a reference must be under 8000 px a side',
    });
    expect(checkImageFile('tall.webp', webp(100, 9000)).ok).toBe(false);
  });

  it('refuses a file over the byte limit before reading it', () => {
    expect(fileSizeProblem('big.png', MAX_REFERENCE_FILE_BYTES + 1)).toBe('“big.png” is 16.0 MB: a reference file can be at most 16.0 MB');
    expect(fileSizeProblem('ok.png', MAX_REFERENCE_FILE_BYTES)).toBeNull();
  });
});

describe('reading a File', () => {
  it('reads the bytes of a File and checks them', async () => {
    const bytes = jpg(20, 10);
    const outcome = await readImageFileAsync(new File([bytes], 'Red dress.jpeg', { type: 'image/jpeg' }));
    expect(outcome).toEqual({ ok: true, file: { name: 'Red dress.jpeg', bytes, mime: 'image/jpeg' } });
  });

  it('does not trust the MIME type the browser gives', async () => {
    const outcome = await readImageFileAsync(new File(['%PDF-1.4'], 'notes.pdf', { type: 'image/png' }));
    expect(outcome).toEqual({ ok: false, message: "“notes.pdf” isn't an image: drop a PNG, JPEG or WebP" });
  });

  it('refuses an oversized File by its size, without reading it', async () => {
    const file = new File([new Uint8Array(1)], 'big.png');
    Object.defineProperty(file, 'size', { value: MAX_REFERENCE_FILE_BYTES + 1 });
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.reject(new Error('read')) });
    expect(await readImageFileAsync(file)).toEqual({ ok: false, message: '“big.png” is 16.0 MB: a reference file can be at most 16.0 MB' });
  });

  it('says so when the file cannot be read', async () => {
    const file = new File([png(4, 4)], 'moved.png');
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.reject(new Error('The file was moved')) });
    expect(await readImageFileAsync(file)).toEqual({ ok: false, message: "Couldn't read “moved.png”: The file was moved" });
  });
});
