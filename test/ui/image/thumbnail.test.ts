import { describe, expect, it } from 'vitest';
import { THUMBNAIL_EDGE_PX, thumbnailSize } from '../../../ui/image/thumbnail';

describe('thumbnailSize', () => {
  it('fits the long side to the preview edge and keeps the shape', () => {
    expect(thumbnailSize(2048, 1536)).toEqual({ width: THUMBNAIL_EDGE_PX, height: 84 });
    expect(thumbnailSize(1080, 1920)).toEqual({ width: 63, height: THUMBNAIL_EDGE_PX });
  });

  it('never enlarges a small picture and never reaches zero', () => {
    expect(thumbnailSize(60, 40)).toEqual({ width: 60, height: 40 });
    expect(thumbnailSize(5000, 2)).toEqual({ width: THUMBNAIL_EDGE_PX, height: 1 });
  });
});
