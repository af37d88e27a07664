import { describe, expect, it } from 'vitest';
import { skipReasonText } from '../../core/skip-reasons';
import type { SkipCode } from '../../core/skip-reasons';

describe('skipReasonText', () => {
  it('words each reason the sandbox sends, with its detail', () => {
    expect(skipReasonText({ code: 'not-exportable', detail: 'Slide' })).toBe("Slide layers can't be exported as images");
    expect(skipReasonText({ code: 'no-area', detail: '120 × 0' })).toBe('Has no area to export (120 × 0)');
    expect(skipReasonText({ code: 'interrupted' })).toBe('An interrupted placeholder: click Iterate to retry');
  });

  it('reads a code it does not know (a newer sandbox, or an Object member) as not usable, never as nothing', () => {
    for (const code of ['from-the-future', 'constructor', '__proto__']) {
      expect(skipReasonText({ code: code as SkipCode })).toBe("This layer can't be used as a reference");
    }
  });
});
