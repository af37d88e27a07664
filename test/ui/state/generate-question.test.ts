import { describe, expect, it } from 'vitest';
import { questionReasons, questionText } from '../../../ui/state/generate-question';

const WITHIN = { kind: 'within', count: 1, credits: 8 } as const;

describe('questionReasons', () => {
  it('asks nothing for a run within the limit that names only sent references', () => {
    expect(questionReasons({ cost: WITHIN, unknownTags: [], unsentTags: [], maxReferences: 3 })).toEqual([]);
    expect(questionText([])).toBeNull();
  });

  it('names the tags no reference has', () => {
    expect(questionReasons({ cost: WITHIN, unknownTags: ['Dog'], unsentTags: [], maxReferences: 3 })).toEqual([
      'The prompt names @Dog, which no reference has.',
    ]);
    expect(questionReasons({ cost: WITHIN, unknownTags: ['Dog', 'cat', 'Hat'], unsentTags: [], maxReferences: 3 })).toEqual([
      'The prompt names @Dog, @cat and @Hat, which no reference has.',
    ]);
  });

  it('names the named references left out of the request', () => {
    expect(questionReasons({ cost: WITHIN, unknownTags: [], unsentTags: ['Mug'], maxReferences: 3 })).toEqual([
      '@Mug is not sent: the model takes 3 references and the prompt names more.',
    ]);
    expect(questionReasons({ cost: WITHIN, unknownTags: [], unsentTags: ['Mug', 'Cup'], maxReferences: 3 })[0]).toMatch(
      /^@Mug and @Cup are not sent/,
    );
  });

  it('asks once for everything, the cost last', () => {
    const reasons = questionReasons({
      cost: { kind: 'over', count: 4, credits: 32, limit: 20 },
      unknownTags: ['Dog'],
      unsentTags: [],
      maxReferences: 3,
    });
    expect(questionText(reasons)).toBe(
      'The prompt names @Dog, which no reference has. This run costs about 32 credits, over your limit of 20. Generate anyway?',
    );
  });
});
