// The part of prepareReferenceAsync that needs no codec: a layer's JPEG export that fits is sent as it is, checked
// by its header and end marker, without a decode. Node has no createImageBitmap, so anything that reaches the
// decoder here fails as "couldn't decode": that is how these tests tell which path a source took. The decoding
// paths run in real Chromium (test/browser/image-prepare-reference.test.ts).
import { describe, expect, it } from 'vitest';
import { TARGET_REFERENCE_DATA_URI_CHARS } from '../../../core/reference-size';
import { dataUriBytes } from '../../../ui/image/codecs';
import { prepareReferenceAsync } from '../../../ui/image/prepare-reference';
import { encodeJpeg, encodePng, photoLike } from '../../browser/fixtures/image-samples';

const DECODER_REACHED = { ok: false, message: "couldn't decode the image" };

describe('a JPEG export sent as it is', () => {
  it('keeps the exported bytes and reads the size from the header, without decoding', async () => {
    const bytes = encodeJpeg(photoLike(320, 200, 7));
    const outcome = await prepareReferenceAsync(bytes, 'image/jpeg');
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.reference).toMatchObject({ mime: 'image/jpeg', width: 320, height: 200, chars: outcome.reference.uri.length });
    expect(dataUriBytes(outcome.reference.uri)).toEqual(bytes);
  });

  it('decodes what needs a closer look: a cut-off export, a file, a shape outside 0.5–2, a PNG', async () => {
    const jpeg = encodeJpeg(photoLike(320, 200, 7));
    expect(await prepareReferenceAsync(jpeg.subarray(0, jpeg.length - 100), 'image/jpeg')).toEqual(DECODER_REACHED);
    expect(await prepareReferenceAsync(jpeg, 'image/jpeg', true)).toEqual(DECODER_REACHED);
    expect(await prepareReferenceAsync(encodeJpeg(photoLike(500, 100, 7)), 'image/jpeg')).toEqual(DECODER_REACHED);
    expect(await prepareReferenceAsync(encodePng(photoLike(320, 200, 7)), 'image/png')).toEqual(DECODER_REACHED);
    expect(await prepareReferenceAsync(encodePng(photoLike(320, 200, 7)), 'image/jpeg')).toEqual(DECODER_REACHED);
  });

  it('decodes one whose data URI would be over the target, to encode it smaller', async () => {
    const noisy = encodeJpeg(photoLike(2400, 1800, 3), 100);
    expect((noisy.length * 4) / 3).toBeGreaterThan(TARGET_REFERENCE_DATA_URI_CHARS);
    expect(await prepareReferenceAsync(noisy, 'image/jpeg')).toEqual(DECODER_REACHED);
  });
});
