import { describe, expect, it } from 'vitest';
import { hideSecrets, isHeaderSafe, REDACTED } from '../../core/secrets';

const KEY = 'key_0123456789abcdef';
const TOKEN = 'relay-token-abc';

describe('hideSecrets', () => {
  it('hides every occurrence of each secret, the same way in the panel and the sandbox', () => {
    expect(hideSecrets(`Key ${KEY} and token ${TOKEN}; again ${KEY}`, [KEY, TOKEN])).toBe(
      `Key ${REDACTED} and token ${REDACTED}; again ${REDACTED}`,
    );
    expect(REDACTED).toBe('[key hidden]');
  });

  it('finds a secret saved with whitespace around it, and skips blank or missing ones', () => {
    expect(hideSecrets(`refused ${KEY}`, [` ${KEY}\n`])).toBe(`refused ${REDACTED}`);
    expect(hideSecrets('nothing to hide', ['', '   ', null, undefined])).toBe('nothing to hide');
  });
});

describe('isHeaderSafe', () => {
  it('takes printable ASCII without spaces inside, around whitespace trimmed', () => {
    expect([KEY, ` ${TOKEN}\n`, '', 'a!~'].every(isHeaderSafe)).toBe(true);
    expect(['key_ab cd', 'tökén', 'a\nb', 'ключ'].some(isHeaderSafe)).toBe(false);
  });
});
