import { describe, expect, it } from 'vitest';
import { insertMention, matchingTags, mentionQueryAt } from '../../../ui/state/mention-query';

describe('mentionQueryAt', () => {
  describe('a mention being typed', () => {
    it.each([
      ['@', 1, { start: 0, end: 1, query: '' }],
      ['@m', 2, { start: 0, end: 2, query: 'm' }],
      ['a @Mo_2', 7, { start: 2, end: 7, query: 'Mo_2' }],
      ['(@cl', 4, { start: 1, end: 4, query: 'cl' }],
      ['x\n@cl', 5, { start: 2, end: 5, query: 'cl' }],
      ['@a @b', 5, { start: 3, end: 5, query: 'b' }],
    ])('%j with the caret at %i', (text, caret, expected) => {
      expect(mentionQueryAt(text, caret)).toEqual(expected);
    });

    it('runs to the end of the word after the caret, but queries only what is before it', () => {
      expect(mentionQueryAt('@model wearing', 3)).toEqual({ start: 0, end: 6, query: 'mo' });
    });
  });

  describe('no mention', () => {
    it.each([
      ['', 0],
      ['model', 5],
      ['a@b', 3],
      ['mail me@host', 12],
      ['@cl oth', 7],
      ['@cl oth', 4],
      ['@cl-', 4],
      ['@m', 0],
      ['@m', 3],
      ['@m', -1],
    ])('%j with the caret at %i', (text, caret) => {
      expect(mentionQueryAt(text, caret)).toBeNull();
    });
  });
});

describe('matchingTags', () => {
  const tags = ['model', 'Model_2', 'cloth', 'room'];

  it('keeps the tags starting with the query, ignoring case, in order', () => {
    expect(matchingTags(tags, 'm')).toEqual(['model', 'Model_2']);
    expect(matchingTags(tags, 'CL')).toEqual(['cloth']);
    expect(matchingTags(tags, 'model')).toEqual(['model', 'Model_2']);
  });

  it('lists every tag for a bare "@"', () => {
    expect(matchingTags(tags, '')).toEqual(tags);
  });

  it('lists none when nothing starts with the query', () => {
    expect(matchingTags(tags, 'x')).toEqual([]);
    expect(matchingTags([], '')).toEqual([]);
  });

  it('lists none when the query already is the only matching tag', () => {
    expect(matchingTags(tags, 'Cloth')).toEqual([]);
    expect(matchingTags(tags, 'clot')).toEqual(['cloth']);
  });
});

describe('insertMention', () => {
  it('replaces the partial mention and adds a space at the end of the text', () => {
    expect(insertMention('a @cl', { start: 2, end: 5, query: 'cl' }, 'cloth')).toEqual({ text: 'a @cloth ', caret: 9 });
  });

  it('adds a space before a following word', () => {
    expect(insertMention('@cl,', { start: 0, end: 3, query: 'cl' }, 'cloth')).toEqual({ text: '@cloth ,', caret: 7 });
  });

  it('reuses a following space and puts the caret past it', () => {
    expect(insertMention('@m on sand', { start: 0, end: 2, query: 'm' }, 'model')).toEqual({ text: '@model on sand', caret: 7 });
  });

  it('keeps the caret on its line before a line break', () => {
    expect(insertMention('@m\nnext', { start: 0, end: 2, query: 'm' }, 'model')).toEqual({ text: '@model\nnext', caret: 6 });
  });

  it('replaces the whole word when the caret was inside it', () => {
    const mention = mentionQueryAt('@mdl x', 2);
    expect(mention).not.toBeNull();
    expect(insertMention('@mdl x', mention!, 'model')).toEqual({ text: '@model x', caret: 7 });
  });
});
