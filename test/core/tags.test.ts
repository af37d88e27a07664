import { describe, expect, it } from 'vitest';
import { TAG_MAX_LENGTH, TAG_MIN_LENGTH, TAG_PATTERN, defaultTags, sameTag, tagFromName, tagProblem, tagProblems } from '../../core/tags';
import { randomInt, seededRandom } from '../support/seeded-random';

const FALLBACK = 'ref_9';

describe('TAG_PATTERN (Runway rule, CONTRACTS §2)', () => {
  it.each(['abc', 'Beach_walk', 'a12', 'A_b', 'abcdefghijklmnop'])('accepts %j', (tag) => {
    expect(TAG_PATTERN.test(tag)).toBe(true);
  });
  it.each(['', 'ab', '1abc', '_abc', 'abcdefghijklmnopq', 'a b c', 'café', 'abc-d'])('rejects %j', (tag) => {
    expect(TAG_PATTERN.test(tag)).toBe(false);
  });
  it('has length bounds that agree with the pattern', () => {
    expect(TAG_MIN_LENGTH).toBe(3);
    expect(TAG_MAX_LENGTH).toBe(16);
  });
});

describe('tagFromName', () => {
  describe('plain Latin names', () => {
    it.each([
      ['Beach walk', 'Beach_walk'],
      ['Model', 'Model'],
      ['  padded  name  ', 'padded_name'],
      ['hero-shot (final)', 'hero_shot_final'],
      ['Frame 12', 'Frame_12'],
      ['snake_case_name', 'snake_case_name'],
      ['a__b', 'a_b'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('names starting with a digit', () => {
    it.each([
      ['1', 'ref_1'],
      ['42', 'ref_42'],
      ['3 chairs', 'ref_3_chairs'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('Cyrillic', () => {
    it.each([
      ['Модель', 'Model'],
      ['Кресло', 'Kreslo'],
      ['Жёлтый стул', 'Zheltyy_stul'],
      ['Дмитрий', 'Dmitriy'],
      ['Київ', 'Kiyiv'],
      ['ЩУКА', 'SchUKA'],
      ['Ђак', 'Djak'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('Greek', () => {
    it.each([
      ['Ελένη', 'Eleni'],
      ['Σοφία', 'Sofia'],
      ['ψάρι', 'psari'],
      ['ΘΑΛΑΣΣΑ', 'ThALASSA'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('accents and ligatures', () => {
    it.each([
      ['Café crème', 'Cafe_creme'],
      ['Straße', 'Strasse'],
      ['Ærø', 'Aero'],
      ['ﬁsh', 'fish'],
      ['İstanbul', 'Istanbul'],
      ['Łódź', 'Lodz'],
      ['Ｆｕｌｌ', 'Full'],
      ['Cafe\u0301', 'Cafe'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('scripts with no Latin reading, emoji, punctuation', () => {
    it.each(['東京', '中文名字', 'مرحبا', 'שלום', '🔥', '🏖️🌊', '...', '   ', '', '—/\\|', '\n\t'])('%j → the fallback', (name) => {
      expect(tagFromName(name, FALLBACK)).toBe(FALLBACK);
    });
    it('keeps the Latin part of a mixed name', () => {
      expect(tagFromName('東京 tower', FALLBACK)).toBe('tower');
      expect(tagFromName('🔥 Fire 🔥', FALLBACK)).toBe('Fire');
      expect(tagFromName('👗dress', FALLBACK)).toBe('dress');
    });
  });

  describe('short names', () => {
    it.each([
      ['A', 'A_ref'],
      ['ab', 'ab_ref'],
      ['x!', 'x_ref'],
      ['abc', 'abc'],
    ])('%j → %j', (name, tag) => {
      expect(tagFromName(name, FALLBACK)).toBe(tag);
    });
  });

  describe('long names', () => {
    it('cuts to 16 characters', () => {
      expect(tagFromName('Supercalifragilistic', FALLBACK)).toBe('Supercalifragili');
    });
    it('does not end the cut on "_"', () => {
      // The 16th character is the "_" standing for the space.
      expect(tagFromName('abcdefghijklmno pqrs', FALLBACK)).toBe('abcdefghijklmno');
      expect(tagFromName('Living room sofa chair', FALLBACK)).toBe('Living_room_sofa');
    });
    it('cuts a long digit-first name after the "ref_" prefix', () => {
      expect(tagFromName('2024 summer campaign', FALLBACK)).toBe('ref_2024_summer');
    });
  });

  describe('every result is a valid tag (generated names)', () => {
    const RANGES: readonly [number, number][] = [
      [0x20, 0x7e], // ASCII printable
      [0xa0, 0x24f], // Latin-1 and Latin Extended
      [0x300, 0x36f], // combining marks
      [0x370, 0x3ff], // Greek
      [0x400, 0x4ff], // Cyrillic
      [0x590, 0x6ff], // Hebrew, Arabic
      [0x2000, 0x206f], // general punctuation, odd spaces
      [0x3040, 0x30ff], // kana
      [0x4e00, 0x9fff], // CJK
      [0xd800, 0xdfff], // lone surrogates
      [0xfb00, 0xfb06], // ligatures
      [0xff01, 0xff5e], // full-width forms
      [0x1f300, 0x1faff], // emoji
    ];
    const random = seededRandom(20240601);
    const names: string[] = [];
    for (let n = 0; n < 2000; n += 1) {
      let name = '';
      const length = randomInt(random, 0, 40);
      for (let i = 0; i < length; i += 1) {
        const [lo, hi] = RANGES[randomInt(random, 0, RANGES.length - 1)] ?? [0x41, 0x5a];
        name += String.fromCodePoint(randomInt(random, lo, hi));
      }
      names.push(name);
    }

    it('matches TAG_PATTERN and has no problem, for 2000 random unicode names', () => {
      for (const name of names) {
        const tag = tagFromName(name, FALLBACK);
        expect(tag, JSON.stringify(name)).toMatch(TAG_PATTERN);
        expect(tagProblem(tag), JSON.stringify(name)).toBeNull();
      }
    });

    it('produces non-fallback tags for a good share of them (the loop is not all fallbacks)', () => {
      const own = names.filter((name) => tagFromName(name, FALLBACK) !== FALLBACK).length;
      expect(own).toBeGreaterThan(names.length / 2);
    });

    it('keeps a valid tag as it is (no "__", no trailing "_": those are folded)', () => {
      const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
      let checked = 0;
      while (checked < 500) {
        let tag = alphabet.charAt(randomInt(random, 0, 51));
        const length = randomInt(random, TAG_MIN_LENGTH, TAG_MAX_LENGTH);
        while (tag.length < length) tag += alphabet.charAt(randomInt(random, 0, alphabet.length - 1));
        if (tag.includes('__') || tag.endsWith('_')) continue;
        expect(tagFromName(tag, FALLBACK)).toBe(tag);
        checked += 1;
      }
    });
  });
});

describe('tagProblem', () => {
  describe('valid tags', () => {
    it.each(['abc', 'Model', 'Beach_walk', 'a1_', 'abcdefghijklmnop'])('%j has none', (tag) => {
      expect(tagProblem(tag)).toBeNull();
    });
  });

  describe('each rule has its own message', () => {
    it('empty', () => {
      expect(tagProblem('')).toBe('Give this reference a tag.');
    });
    it.each(['1abc', '_abc', ' abc', 'éabc'])('does not start with a letter: %j', (tag) => {
      expect(tagProblem(tag)).toBe('A tag starts with a letter (A–Z).');
    });
    it.each(['beach walk', 'café', 'a-b-c', 'naïve', 'abc!'])('bad characters: %j', (tag) => {
      expect(tagProblem(tag)).toBe('Use only letters A–Z, digits and _ (no spaces or accents).');
    });
    it.each(['a', 'ab', 'a_'])('too short: %j', (tag) => {
      expect(tagProblem(tag)).toBe('A tag has at least 3 characters.');
    });
    it.each(['abcdefghijklmnopq', 'a'.repeat(40)])('too long: %j', (tag) => {
      expect(tagProblem(tag)).toBe('A tag has at most 16 characters.');
    });
  });

  it('agrees with TAG_PATTERN on generated strings', () => {
    const random = seededRandom(7);
    const alphabet = 'aZ09_ -é.';
    for (let n = 0; n < 3000; n += 1) {
      let tag = '';
      const length = randomInt(random, 0, 20);
      for (let i = 0; i < length; i += 1) tag += alphabet.charAt(randomInt(random, 0, alphabet.length - 1));
      expect(tagProblem(tag) === null, JSON.stringify(tag)).toBe(TAG_PATTERN.test(tag));
    }
  });
});

describe('sameTag', () => {
  it('ignores case', () => {
    expect(sameTag('Model', 'model')).toBe(true);
    expect(sameTag('MODEL', 'model')).toBe(true);
  });
  it('tells different tags apart', () => {
    expect(sameTag('Model', 'Model_2')).toBe(false);
  });
});

describe('defaultTags', () => {
  describe('distinct names', () => {
    it('gives each name its own tag, in order', () => {
      expect(defaultTags(['Beach walk', 'Модель', '1'])).toEqual(['Beach_walk', 'Model', 'ref_1']);
    });
    it('falls back to ref_<position> (1-based) for names with nothing usable', () => {
      expect(defaultTags(['Sofa', '東京', '🔥'])).toEqual(['Sofa', 'ref_2', 'ref_3']);
    });
    it('returns nothing for no names', () => {
      expect(defaultTags([])).toEqual([]);
    });
  });

  describe('repeated names', () => {
    it('adds _2, _3 to repeats', () => {
      expect(defaultTags(['Chair', 'Chair', 'Chair'])).toEqual(['Chair', 'Chair_2', 'Chair_3']);
    });
    it('treats names differing only in case as repeats', () => {
      expect(defaultTags(['chair', 'Chair', 'CHAIR'])).toEqual(['chair', 'Chair_2', 'CHAIR_3']);
    });
    it('keeps suffixed tags within 16 characters, without a doubled "_"', () => {
      const long = 'Supercalifragilistic';
      const tags = defaultTags(Array.from({ length: 12 }, () => long));
      expect(tags[0]).toBe('Supercalifragili');
      expect(tags[1]).toBe('Supercalifragi_2');
      expect(tags[10]).toBe('Supercalifrag_11');
      for (const tag of tags) {
        expect(tag).toMatch(TAG_PATTERN);
        expect(tag).not.toContain('__');
      }
    });
    it('drops a "_" that the cut would leave before the suffix', () => {
      // Cutting "abcdefghijklm_op" to 14 leaves "abcdefghijklm_"; the suffix must not double the "_".
      expect(defaultTags(['abcdefghijklm op', 'abcdefghijklm op'])).toEqual(['abcdefghijklm_op', 'abcdefghijklm_2']);
    });
    it('skips a suffix another name already produced', () => {
      expect(defaultTags(['Chair 2', 'Chair', 'Chair'])).toEqual(['Chair_2', 'Chair', 'Chair_3']);
    });
    it('numbers repeated fallbacks apart too', () => {
      const tags = defaultTags(['東京', 'ref 1']);
      expect(tags).toEqual(['ref_1', 'ref_1_2']);
    });
  });

  describe('taken tags', () => {
    it('avoids tags already in use', () => {
      expect(defaultTags(['Chair'], ['Chair'])).toEqual(['Chair_2']);
    });
    it('compares with taken tags ignoring case', () => {
      expect(defaultTags(['chair', 'Sofa'], ['CHAIR', 'sofa', 'Sofa_2'])).toEqual(['chair_2', 'Sofa_3']);
    });
    it('does not change the taken list it is given', () => {
      const taken = ['Chair'];
      defaultTags(['Chair', 'Chair'], taken);
      expect(taken).toEqual(['Chair']);
    });
  });

  it('always yields valid tags unique ignoring case (generated name lists)', () => {
    const random = seededRandom(99);
    const pool = ['Chair', 'chair', 'CHAIR', 'Chair 2', '1', '東京', 'Модель', 'model', 'Supercalifragilistic', 'A', '🔥', ''];
    for (let n = 0; n < 300; n += 1) {
      const names = Array.from({ length: randomInt(random, 1, 15) }, () => pool[randomInt(random, 0, pool.length - 1)] ?? '');
      const taken = Array.from({ length: randomInt(random, 0, 3) }, () =>
        tagFromName(pool[randomInt(random, 0, pool.length - 1)] ?? '', 'ref_1'),
      );
      const tags = defaultTags(names, taken);
      expect(tags).toHaveLength(names.length);
      const context = JSON.stringify({ names, taken, tags });
      for (const tag of tags) {
        expect(tag, context).toMatch(TAG_PATTERN);
        expect(
          taken.some((t) => sameTag(t, tag)),
          context,
        ).toBe(false);
      }
      expect(tagProblems(tags), context).toEqual(tags.map(() => null));
    }
  });
});

describe('tagProblems', () => {
  describe('all fine', () => {
    it('gives null for each unique valid tag', () => {
      expect(tagProblems(['Chair', 'Sofa', 'Lamp'])).toEqual([null, null, null]);
    });
    it('gives nothing for no tags', () => {
      expect(tagProblems([])).toEqual([]);
    });
  });

  describe('duplicates', () => {
    it('flags the later duplicate, not the first', () => {
      expect(tagProblems(['Chair', 'Sofa', 'Chair'])).toEqual([
        null,
        null,
        '"Chair" is already used by another reference; tags must be unique.',
      ]);
    });
    it('compares ignoring case and quotes the later spelling', () => {
      expect(tagProblems(['chair', 'CHAIR'])).toEqual([null, '"CHAIR" is already used by another reference; tags must be unique.']);
    });
    it('flags every later repeat', () => {
      const problems = tagProblems(['Lamp', 'lamp', 'LAMP']);
      expect(problems[0]).toBeNull();
      expect(problems[1]).toContain('already used');
      expect(problems[2]).toContain('already used');
    });
  });

  describe('invalid tags', () => {
    it('reports the rule a tag breaks rather than a duplicate', () => {
      expect(tagProblems(['ab', 'ab', 'Chair'])).toEqual(['A tag has at least 3 characters.', 'A tag has at least 3 characters.', null]);
    });
    it('reports each tag on its own', () => {
      expect(tagProblems(['', '9lives', 'ok_tag', 'has space'])).toEqual([
        'Give this reference a tag.',
        'A tag starts with a letter (A–Z).',
        null,
        'Use only letters A–Z, digits and _ (no spaces or accents).',
      ]);
    });
  });
});
