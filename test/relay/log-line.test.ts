import { describe, expect, it } from 'vitest';
import { requestLogLine, unreadRequestLogLine } from '../../relay/src/log-line';

describe('requestLogLine', () => {
  it('names the method, the path, the outcome and the duration', () => {
    expect(requestLogLine('POST', '/segmind/v1/runway-gen4-image', '200', 31204)).toBe('POST /segmind/v1/runway-gen4-image 200 31204ms');
    expect(requestLogLine('GET', '/runway/v1/tasks/abc', 'client-closed', 5)).toBe('GET /runway/v1/tasks/abc client-closed 5ms');
  });

  it('never shows a query string, where output URLs carry their signatures', () => {
    expect(requestLogLine('GET', '/runway-output/a/b.png?Expires=1&Signature=secret', '200', 1)).toBe('GET /runway-output/a/b.png 200 1ms');
  });

  it('keeps at most 200 characters of a path, which can be anything a caller sent', () => {
    expect(requestLogLine('GET', `/${'a'.repeat(500)}`, '404 path', 0)).toBe(`GET /${'a'.repeat(199)} 404 path 0ms`);
  });
});

describe('unreadRequestLogLine', () => {
  it('marks the method and path it could not read', () => {
    expect(unreadRequestLogLine('431 too-large')).toBe('- - 431 too-large');
  });
});
