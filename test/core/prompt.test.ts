import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_LENGTH, checkPrompt, findMentions } from '../../core/prompt';

describe('checkPrompt — length', () => {
  it('counts UTF-16 code units, as the API does: an emoji counts 2', () => {
    expect(checkPrompt('🏖️', []).length).toBe(3); // U+1F3D6 (2 units) + VS16 (1 unit)
    expect(checkPrompt('😀', []).length).toBe(2);
    expect(checkPrompt('Café', []).length).toBe(4);
  });

  it('lets exactly 1000 units through', () => {
    expect(MAX_PROMPT_LENGTH).toBe(1000);
    const check = checkPrompt('a'.repeat(1000), []);
    expect(check.length).toBe(1000);
    expect(check.blockers).toEqual([]);
  });

  it('blocks 1001 units and says by how much', () => {
    const check = checkPrompt('a'.repeat(1001), []);
    expect(check.length).toBe(1001);
    expect(check.blockers).toEqual(['The prompt is 1 characters over the 1000-character limit.']);
  });

  it('blocks 500 emoji (1000 units) plus one letter: the count is in units, not characters', () => {
    const check = checkPrompt(`${'😀'.repeat(500)}a`, []);
    expect([...'😀'.repeat(500)].length).toBe(500);
    expect(check.length).toBe(1001);
    expect(check.blockers).toEqual(['The prompt is 1 characters over the 1000-character limit.']);
  });

  it('names the overflow for a long prompt', () => {
    expect(checkPrompt('x'.repeat(1250), []).blockers).toEqual(['The prompt is 250 characters over the 1000-character limit.']);
  });
});

describe('checkPrompt — empty prompts', () => {
  it.each(['', ' ', '\n\n', '\t \n '])('blocks %j', (prompt) => {
    expect(checkPrompt(prompt, ['Model']).blockers).toEqual(['Write a prompt.']);
  });

  it('blocks an over-long blank prompt as empty, with one reason', () => {
    expect(checkPrompt(' '.repeat(1500), []).blockers).toEqual(['Write a prompt.']);
  });

  it('accepts a one-character prompt', () => {
    expect(checkPrompt('a', []).blockers).toEqual([]);
  });
});

describe('findMentions — where mentions are', () => {
  it('gives start and end offsets covering "@tag"', () => {
    const prompt = 'Put @Model on @Beach_walk';
    const mentions = findMentions(prompt, ['Model', 'Beach_walk']);
    expect(mentions).toEqual([
      { tag: 'Model', start: 4, end: 10, matches: 'Model' },
      { tag: 'Beach_walk', start: 14, end: 25, matches: 'Beach_walk' },
    ]);
    for (const m of mentions) expect(prompt.slice(m.start, m.end)).toBe(`@${m.tag}`);
  });

  it('finds a mention at the very start and one right after a newline', () => {
    const mentions = findMentions('@Model\n@Sofa', ['Model', 'Sofa']);
    expect(mentions.map((m) => [m.start, m.end])).toEqual([
      [0, 6],
      [7, 12],
    ]);
  });

  it('stops a mention at punctuation: "@model." names "model"', () => {
    for (const [prompt, tag] of [
      ['Use @model.', 'model'],
      ['Use @model, then', 'model'],
      ['(@model)', 'model'],
      ["@model's dress", 'model'],
      ['@model!', 'model'],
      ['"@model"', 'model'],
    ] as const) {
      const mentions = findMentions(prompt, ['model']);
      expect(mentions, prompt).toHaveLength(1);
      expect(mentions[0]?.tag).toBe(tag);
      expect(prompt.slice(mentions[0]?.start, mentions[0]?.end)).toBe(`@${tag}`);
    }
  });

  it('counts offsets in UTF-16 units after emoji', () => {
    const prompt = '😀 @Model';
    const [mention] = findMentions(prompt, ['Model']);
    expect(mention?.start).toBe(3);
    expect(prompt.slice(mention?.start, mention?.end)).toBe('@Model');
  });

  it('finds mentions separated by a single space, and after non-Latin text', () => {
    expect(findMentions('@Chair @Sofa', []).map((m) => m.tag)).toEqual(['Chair', 'Sofa']);
    expect(findMentions('на @Model', []).map((m) => m.tag)).toEqual(['Model']);
  });
});

describe('findMentions — what is not a mention', () => {
  it.each([
    ['an email', 'write to a@b.com or team@Model.io'],
    ['a word right before @', 'x@Model'],
    ['a digit right before @', '2@Model'],
    ['an underscore right before @', '_@Model'],
    ['a doubled @', '@@Model'],
    ['@ before a digit', '@1st'],
    ['@ before an underscore', '@_Model'],
    ['a lone @', 'meet @ noon'],
    ['@ before a non-Latin letter', '@Модель'],
  ])('ignores %s', (_kind, prompt) => {
    expect(findMentions(prompt, ['Model', 'b', 'com'])).toEqual([]);
  });
});

describe('findMentions — matching the cards’ tags', () => {
  it('matches ignoring case and returns the card’s spelling', () => {
    const [mention] = findMentions('put @model there', ['Model']);
    expect(mention).toEqual({ tag: 'model', start: 4, end: 10, matches: 'Model' });
  });

  it('gives matches: null for an unknown tag', () => {
    expect(findMentions('@Ghost', ['Model'])[0]?.matches).toBeNull();
  });

  it('does not match a prefix of a longer tag', () => {
    expect(findMentions('@Mod', ['Model'])[0]?.matches).toBeNull();
    expect(findMentions('@Model_2', ['Model'])[0]?.matches).toBeNull();
  });
});

describe('checkPrompt — warnings', () => {
  it('has none when every tag is mentioned and every mention is known', () => {
    const check = checkPrompt('@Model wears @Dress', ['Model', 'Dress']);
    expect(check.warnings).toEqual([]);
    expect(check.blockers).toEqual([]);
    expect(check.mentions).toHaveLength(2);
  });

  it('warns about an unknown tag once, however often and however it is cased', () => {
    const check = checkPrompt('@Ghost and @Ghost and @ghost meet @Model', ['Model']);
    expect(check.warnings).toEqual(['@Ghost is not the tag of any reference.']);
    expect(check.blockers).toEqual([]);
  });

  it('warns about each unknown tag, in order of appearance', () => {
    expect(checkPrompt('@Zed and @Amy', []).warnings).toEqual([
      '@Zed is not the tag of any reference.',
      '@Amy is not the tag of any reference.',
    ]);
  });

  it('warns about a reference the prompt never mentions, once', () => {
    const check = checkPrompt('@Model in a garden', ['Model', 'Sofa']);
    expect(check.warnings).toEqual(['The prompt does not mention @Sofa.']);
  });

  it('counts a differently cased mention as mentioning the tag', () => {
    expect(checkPrompt('@MODEL and @sofa', ['Model', 'Sofa']).warnings).toEqual([]);
  });

  it('does not count an email as mentioning the tag', () => {
    expect(checkPrompt('mail me at x@Model.com', ['Model']).warnings).toEqual(['The prompt does not mention @Model.']);
  });

  it('gives both kinds together, unknown first, and does not block', () => {
    const check = checkPrompt('@Ghost on the beach', ['Model']);
    expect(check.warnings).toEqual(['@Ghost is not the tag of any reference.', 'The prompt does not mention @Model.']);
    expect(check.blockers).toEqual([]);
  });

  it('warns about unmentioned tags even when the prompt is blocked', () => {
    const check = checkPrompt('', ['Model']);
    expect(check.blockers).toEqual(['Write a prompt.']);
    expect(check.warnings).toEqual(['The prompt does not mention @Model.']);
  });

  it('calls an invalid tag nothing but invalid: its card says so, the prompt does not say it is unmentioned', () => {
    expect(checkPrompt('a room with a lamp', ['1x', 'Lamp_1', 'ok']).warnings).toEqual(['The prompt does not mention @Lamp_1.']);
  });

  it('has no warnings with no references and no mentions', () => {
    expect(checkPrompt('A quiet beach at dawn', []).warnings).toEqual([]);
  });
});

describe('checkPrompt: tags named but not sent', () => {
  it('lists unknown tags once each, ignoring case, as first written', () => {
    const check = checkPrompt('@Dog and @dog with @Cat and @model', ['model']);
    expect(check.unknownTags).toEqual(['Dog', 'Cat']);
    expect(check.unsentTags).toEqual([]);
  });

  it('tells a shown reference left out of the request from a tag no reference has', () => {
    const check = checkPrompt('@model with @mug and @Dog', ['model'], ['Mug']);
    expect(check.unknownTags).toEqual(['Dog']);
    expect(check.unsentTags).toEqual(['Mug']);
    expect(check.warnings).toEqual([
      '@Dog is not the tag of any reference.',
      '@Mug is not sent: the prompt names more references than the model takes.',
    ]);
  });
});
