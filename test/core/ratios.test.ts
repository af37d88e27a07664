import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATIO,
  RUNWAY_RATIOS,
  SEGMIND_RATIOS,
  findRatio,
  isRunway1080pTier,
  parseRatio,
  ratioLabel,
  type RatioOption,
} from '../../core/ratios';

// CONTRACTS §1: the values Segmind's runway-gen4-image accepts.
const CONTRACT_RATIOS = ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672', '1920:1080', '1080:1920'];

describe('SEGMIND_RATIOS (the table)', () => {
  it('holds exactly the 8 values of the contract, each once', () => {
    const values = SEGMIND_RATIOS.map((option) => option.value);
    expect([...values].sort()).toEqual([...CONTRACT_RATIOS].sort());
    expect(new Set(values).size).toBe(values.length);
  });

  it.each(SEGMIND_RATIOS.map((option) => [option.value, option] as const))(
    '%s has the width and height its value names, and a hint',
    (value, option) => {
      const [width, height] = value.split(':').map(Number);
      expect(option.width).toBe(width);
      expect(option.height).toBe(height);
      expect(option.hint.trim()).not.toBe('');
    },
  );

  it('gives the issue’s hints of use', () => {
    expect(findRatio(SEGMIND_RATIOS, '1280:720')?.hint).toContain('YouTube');
    expect(findRatio(SEGMIND_RATIOS, '1080:1920')?.hint).toContain('Stories/TikTok');
    expect(findRatio(SEGMIND_RATIOS, '960:960')?.hint).toContain('square post');
    expect(findRatio(SEGMIND_RATIOS, '1584:672')?.hint).toContain('wide interior');
  });

  it('has the default among its values, and the default is the API’s own (1280:720)', () => {
    expect(DEFAULT_RATIO).toBe('1280:720');
    expect(SEGMIND_RATIOS.some((option) => option.value === DEFAULT_RATIO)).toBe(true);
  });
});

describe('findRatio', () => {
  describe('values in the table', () => {
    it.each(CONTRACT_RATIOS)('finds %s', (value) => {
      const option = findRatio(SEGMIND_RATIOS, value);
      expect(option).not.toBeNull();
      expect(option?.value).toBe(value);
    });
  });

  describe('values not in the table', () => {
    it.each(['1024:1024', '1280x720', ' 1280:720', '720:1280 ', '', '16:9'])('gives null for %j', (value) => {
      expect(findRatio(SEGMIND_RATIOS, value)).toBeNull();
    });
  });

  describe('values that are not strings (e.g. from storage)', () => {
    it.each([null, undefined, 1280, {}, ['1280:720'], { value: '1280:720' }])('gives null for %j', (value) => {
      expect(findRatio(SEGMIND_RATIOS, value)).toBeNull();
    });
  });

  it('searches only the options it is given', () => {
    const only: RatioOption[] = [{ value: '10:20', width: 10, height: 20, hint: 'test' }];
    expect(findRatio(only, '10:20')).toBe(only[0]);
    expect(findRatio(only, '1280:720')).toBeNull();
    expect(findRatio([], '1280:720')).toBeNull();
  });
});

describe('parseRatio', () => {
  describe('good values', () => {
    it.each([
      ['1280:720', 1280, 720],
      ['1:1', 1, 1],
      ['99999:1', 99999, 1],
      ['0720:1280', 720, 1280],
    ])('%s → %i × %i', (value, width, height) => {
      expect(parseRatio(value)).toEqual({ width, height });
    });
    it('parses every table value to its option’s size', () => {
      for (const option of SEGMIND_RATIOS) {
        expect(parseRatio(option.value)).toEqual({ width: option.width, height: option.height });
      }
    });
  });

  describe('zero sizes', () => {
    it.each(['0:720', '1280:0', '0:0', '00000:5'])('%s → null', (value) => {
      expect(parseRatio(value)).toBeNull();
    });
  });

  describe('garbage', () => {
    it.each([
      '',
      ':',
      '1280',
      '1280:',
      ':720',
      '1280x720',
      '1280:720:1',
      '-1280:720',
      '1280.5:720',
      ' 1280:720',
      '1280:720\n',
      'a:b',
      '1e3:720',
      '１２８０:７２０',
    ])('%j → null', (value) => {
      expect(parseRatio(value)).toBeNull();
    });
  });

  describe('huge values', () => {
    it.each(['100000:1', '1:100000', '99999999999999999999:1'])('%s → null (more than 5 digits)', (value) => {
      expect(parseRatio(value)).toBeNull();
    });
  });
});

describe('ratioLabel', () => {
  it('shows the value and the hint', () => {
    expect(ratioLabel({ value: '1280:720', width: 1280, height: 720, hint: '16:9, YouTube, slides' })).toBe(
      '1280:720 — 16:9, YouTube, slides',
    );
  });
  it('starts every table label with its value', () => {
    for (const option of SEGMIND_RATIOS) {
      expect(ratioLabel(option)).toBe(`${option.value} — ${option.hint}`);
    }
  });
});

describe('RUNWAY_RATIOS', () => {
  const CONTRACT_1080P = [
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
  ];
  const CONTRACT_720P = ['1280:720', '720:1280', '720:720', '960:720', '720:960', '1680:720'];

  it('holds exactly the 16 ratios of CONTRACTS §2, sized by their values', () => {
    expect(RUNWAY_RATIOS.map((option) => option.value)).toEqual([...CONTRACT_1080P, ...CONTRACT_720P]);
    for (const option of RUNWAY_RATIOS) expect(parseRatio(option.value)).toEqual({ width: option.width, height: option.height });
  });

  it('puts each ratio in its price tier', () => {
    for (const value of CONTRACT_1080P) expect(isRunway1080pTier(value)).toBe(true);
    for (const value of CONTRACT_720P) expect(isRunway1080pTier(value)).toBe(false);
    expect(isRunway1080pTier('960:960')).toBe(false);
  });
});
