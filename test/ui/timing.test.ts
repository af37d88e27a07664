import { afterEach, describe, expect, it } from 'vitest';
import { markMoment } from '../../ui/timing';

afterEach(() => performance.clearMarks());

describe('markMoment', () => {
  it('puts a gen4-prefixed mark on the performance timeline, in order', () => {
    markMoment('generate-start');
    markMoment('response');
    const marks = performance.getEntriesByType('mark').map((entry) => entry.name);
    expect(marks).toEqual(['gen4:generate-start', 'gen4:response']);
  });
});
