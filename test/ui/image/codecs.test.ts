// The data URI helpers of the codecs module (the canvas and decoder parts run in real Chromium, test/browser/):
// bytes to a data URI and back, and what isn't a base64 data URI.
import { describe, expect, it } from 'vitest';
import { dataUriBytes, toDataUri } from '../../../ui/image/codecs';

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('toDataUri', () => {
  it('writes the type and the base64 of the bytes', () => {
    expect(toDataUri(PNG_SIGNATURE, 'image/png')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('round-trips through dataUriBytes', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256);
    expect(dataUriBytes(toDataUri(bytes, 'image/jpeg'))).toEqual(bytes);
  });
});

describe('dataUriBytes', () => {
  it('reads an empty payload as no bytes', () => {
    expect(dataUriBytes('data:image/png;base64,')).toEqual(new Uint8Array());
  });

  it.each([
    ['what toDataURL answers when it cannot encode', 'data:,'],
    ['a data URI that is not base64', 'data:image/png,%89PNG'],
    ['a URL', 'https://example.com/a.png'],
    ['a data URI without a comma', 'data:image/png;base64'],
    ['a payload outside the base64 alphabet', 'data:image/png;base64,iVBOR*w0K'],
  ])('answers null for %s', (_name, uri) => {
    expect(dataUriBytes(uri)).toBeNull();
  });
});
