import { describe, expect, it } from 'vitest';
import { GEN4_IMAGE_MODEL, GEN4_IMAGE_TURBO_MODEL, RUNWAY_MODELS, runwayModel } from '../../core/models';
import { RUNWAY_RATIOS } from '../../core/ratios';

describe('models', () => {
  it('offers gen4_image (default) and gen4_image_turbo with the 16 ratios, seeds and Runway’s limits', () => {
    expect(RUNWAY_MODELS.map((model) => model.id)).toEqual(['gen4_image', 'gen4_image_turbo']);
    expect(GEN4_IMAGE_MODEL).toMatchObject({
      label: 'Gen-4 Image',
      defaultRatio: '1920:1080',
      minReferences: 0,
      maxReferences: 3,
      supportsSeed: true,
    });
    expect(GEN4_IMAGE_TURBO_MODEL).toMatchObject({
      label: 'Gen-4 Image Turbo',
      defaultRatio: '1920:1080',
      minReferences: 1,
      maxReferences: 3,
      supportsSeed: true,
    });
    for (const model of RUNWAY_MODELS) expect(model.ratios).toBe(RUNWAY_RATIOS);
    expect(RUNWAY_RATIOS).toHaveLength(16);
    expect(runwayModel('gen4_image_turbo')).toBe(GEN4_IMAGE_TURBO_MODEL);
    expect(runwayModel('runway-gen4-image')).toBeNull();
  });

  it('prices gen4_image by tier (8 at 1080p, 5 at 720p) and turbo at 2; unknown ratios have no price', () => {
    for (const ratio of [
      '1920:1080',
      '1080:1920',
      '1024:1024',
      '1080:1080',
      '1168:880',
      '1360:768',
      '1440:1080',
      '1080:1440',
      '1808:768',
      '2112:912',
    ]) {
      expect(GEN4_IMAGE_MODEL.estimateCredits(ratio)).toBe(8);
      expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits(ratio)).toBe(2);
    }
    for (const ratio of ['1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720']) {
      expect(GEN4_IMAGE_MODEL.estimateCredits(ratio)).toBe(5);
      expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits(ratio)).toBe(2);
    }
    expect(GEN4_IMAGE_MODEL.estimateCredits('960:960')).toBeNull();
    expect(GEN4_IMAGE_TURBO_MODEL.estimateCredits('960:960')).toBeNull();
  });
});
