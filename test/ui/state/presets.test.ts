import { describe, expect, it } from 'vitest';
import { RUNWAY_RATIOS, SEGMIND_RATIOS } from '../../../core/ratios';
import type { RatioOption } from '../../../core/ratios';
import { checkPrompt } from '../../../core/prompt';
import { TAG_PATTERN } from '../../../core/tags';
import { nearestRatio, PRESETS, presetsFor, starterFor } from '../../../ui/state/presets';
import type { Preset } from '../../../ui/state/presets';

function option(value: string): RatioOption {
  const [width, height] = value.split(':').map(Number) as [number, number];
  return { value, width, height, hint: 'test' };
}

function offeredRatios(ratios: readonly RatioOption[]): [string, string, boolean][] {
  return presetsFor(ratios).map(({ preset, ratio, exact }) => [preset.id, ratio.value, exact]);
}

describe('the presets', () => {
  it("are the seed's five use cases with their wanted ratios", () => {
    expect(PRESETS.map((preset) => [preset.label, preset.ratio])).toEqual([
      ['Virtual try-on', '1280:720'],
      ['Game asset', '1920:1080'],
      ['Interior design', '1584:672'],
      ['Social promo', '1080:1920'],
      ['Square post', '960:960'],
    ]);
  });

  it('have starters whose @tags are valid tags, and the tip names each of them', () => {
    for (const preset of PRESETS) {
      const tags = [...preset.starter.matchAll(/@(\w+)/g)].map((match) => match[1] ?? '');
      expect(tags.length, preset.id).toBeGreaterThanOrEqual(1);
      for (const tag of tags) {
        expect(tag, preset.id).toMatch(TAG_PATTERN);
        expect(preset.tip, preset.id).toContain(`tagged ${tag}`);
      }
      // With references tagged as the tip says, the starter has nothing blocking Generate.
      expect(checkPrompt(preset.starter, tags).blockers, preset.id).toEqual([]);
      // Its roles are exactly those tags, in the order the tip asks for the layers.
      expect([...preset.roles].sort(), preset.id).toEqual([...new Set(tags)].sort());
      expect(
        preset.roles.map((role) => preset.tip.indexOf(`tagged ${role}`)),
        preset.id,
      ).toEqual(preset.roles.map((role) => preset.tip.indexOf(`tagged ${role}`)).sort((a, b) => a - b));
    }
  });
});

describe('starterFor', () => {
  const preset = (id: string) => PRESETS.find((candidate) => candidate.id === id) as Preset;

  it('writes the cards’ own tags into the starter, first card first', () => {
    expect(starterFor(preset('virtual-try-on'), ['Anna', 'Denim_jacket'])).toBe(
      '@Anna wearing @Denim_jacket, full-body fashion photo, studio light',
    );
    // The room is the first layer to select for interior design, the sofa the second.
    expect(starterFor(preset('interior-design'), ['Loft', 'Chair'])).toBe(
      '@Chair in @Loft, wide interior photo, soft daylight, editorial style',
    );
  });

  it('keeps the preset’s word for a role without a card, or whose card’s tag is invalid', () => {
    expect(starterFor(preset('virtual-try-on'), ['Anna'])).toBe('@Anna wearing @cloth, full-body fashion photo, studio light');
    expect(starterFor(preset('virtual-try-on'), ['1x', 'Shirt'])).toBe('@model wearing @Shirt, full-body fashion photo, studio light');
    expect(starterFor(preset('virtual-try-on'), [])).toBe(preset('virtual-try-on').starter);
  });

  it('keeps a card tagged like a role in that role, and gives the other roles to the other cards', () => {
    expect(starterFor(preset('virtual-try-on'), ['cloth', 'model'])).toBe('@model wearing @cloth, full-body fashion photo, studio light');
    expect(starterFor(preset('interior-design'), ['Sofa', 'Loft'])).toBe(
      '@Sofa in @Loft, wide interior photo, soft daylight, editorial style',
    );
    expect(starterFor(preset('interior-design'), ['sofa', 'room'])).toBe(
      '@sofa in @room, wide interior photo, soft daylight, editorial style',
    );
    expect(starterFor(preset('square-post'), ['Mug', 'Brand'])).toBe(
      '@Mug centred on a clean background in the @Brand palette, square social post',
    );
  });
});

describe('presetsFor', () => {
  it('offers every preset at its exact ratio on Segmind', () => {
    expect(offeredRatios(SEGMIND_RATIOS)).toEqual([
      ['virtual-try-on', '1280:720', true],
      ['game-asset', '1920:1080', true],
      ['interior-design', '1584:672', true],
      ['social-promo', '1080:1920', true],
      ['square-post', '960:960', true],
    ]);
  });

  it("uses Runway's nearest ratio where it lacks the wanted one; a tie goes to the first listed", () => {
    expect(offeredRatios(RUNWAY_RATIOS)).toEqual([
      ['virtual-try-on', '1280:720', true],
      ['game-asset', '1920:1080', true],
      // 1808:768 (2.354) is nearer 1584:672 (2.357) than 1680:720 (2.333) or 2112:912 (2.316).
      ['interior-design', '1808:768', false],
      ['social-promo', '1080:1920', true],
      // 1024:1024, 1080:1080 and 720:720 are all 1:1: the first listed wins.
      ['square-post', '1024:1024', false],
    ]);
  });

  it('drops a preset when no offered ratio is close in shape', () => {
    const squaresAndFourThree = [option('1024:1024'), option('1168:880'), option('880:1168')];
    expect(offeredRatios(squaresAndFourThree)).toEqual([['square-post', '1024:1024', false]]);
    expect(presetsFor([])).toEqual([]);
  });

  it('keeps a near ratio and drops a far one on either side of the limit', () => {
    const wide: Preset = { id: 'wide', label: 'Wide', ratio: '2000:1000', starter: '@room', roles: ['room'], tip: 'tagged room' };
    // 2.2:1 is 10 % wider than 2:1; 2.3:1 is 15 % wider.
    expect(presetsFor([option('2200:1000')], [wide]).map((offered) => offered.ratio.value)).toEqual(['2200:1000']);
    expect(presetsFor([option('2300:1000')], [wide])).toEqual([]);
    // Narrower by the same factors is judged the same way.
    expect(presetsFor([option('1000:550')], [wide]).map((offered) => offered.ratio.value)).toEqual(['1000:550']);
    expect(presetsFor([option('1000:575')], [wide])).toEqual([]);
  });
});

describe('nearestRatio', () => {
  it('compares shapes, not pixel counts', () => {
    expect(nearestRatio([option('720:1280'), option('1280:720')], '1920:1080')?.value).toBe('1280:720');
  });

  it('refuses a wanted ratio that is not "W:H"', () => {
    expect(() => nearestRatio(SEGMIND_RATIOS, '16/9')).toThrow('A preset ratio must be "width:height" in whole pixels, not "16/9".');
  });
});
