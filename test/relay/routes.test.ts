import { describe, expect, it } from 'vitest';
import { readRelayConfig } from '../../relay/src/config';
import { isSafePath, RELAY_ROUTES, upstreamUrl } from '../../relay/src/routes';

const result = readRelayConfig({ RUNWAY_API_BASE: 'https://gateway.example/runway' });
if (!result.ok) throw new Error('bad test config');
const config = result.config;

describe('isSafePath', () => {
  it.each([
    '/segmind/v1/runway-gen4-image',
    '/runway/v1/tasks/0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10',
    '/runway-output/a/b_c/d.e~f-0.png',
    '/runway-output/...png',
  ])('accepts %s', (path) => {
    expect(isSafePath(path)).toBe(true);
  });

  it.each([
    ['the root', '/'],
    ['an empty path', ''],
    ['a trailing slash', '/runway/v1/tasks/'],
    ['an empty segment', '/runway-output//evil.example/x'],
    ['a `..` segment', '/runway-output/../x'],
    ['a `.` segment', '/runway-output/./x'],
    ['percent-encoding (an encoded slash)', '/runway/v1/tasks/a%2Fb'],
    ['percent-encoding (encoded dots)', '/runway-output/%2e%2e/x'],
    ['a backslash', '/runway-output/a\\b'],
    ['an @', '/runway-output/user@host/x'],
    ['a colon', '/runway-output/http:/x'],
    ['a space', '/runway-output/a b'],
    ['a relative path', 'runway/v1/tasks/x'],
  ])('refuses %s', (_label, path) => {
    expect(isSafePath(path)).toBe(false);
  });
});

describe('upstreamUrl', () => {
  it('maps each prefix to its configured base, keeping the provider’s own path', () => {
    expect(upstreamUrl(config, 'segmind', '/segmind/v1/runway-gen4-image', '?x=1')).toBe('https://api.segmind.com/v1/runway-gen4-image');
    expect(upstreamUrl(config, 'runway', '/runway/v1/tasks/abc', '')).toBe('https://gateway.example/runway/v1/tasks/abc');
  });

  it('keeps the query string only for Runway’s signed output URLs', () => {
    expect(upstreamUrl(config, 'runway-output', '/runway-output/a/b.png', '?Expires=1&Signature=s')).toBe(
      'https://dnznrvs05pmza.cloudfront.net/a/b.png?Expires=1&Signature=s',
    );
    expect(upstreamUrl(config, 'runway', '/runway/v1/tasks/abc', '?x=1')).toBe('https://gateway.example/runway/v1/tasks/abc');
  });
});

describe('RELAY_ROUTES', () => {
  it('is exactly the plugin’s endpoints', () => {
    expect(RELAY_ROUTES.map((route) => `${route.methods.join('|')} ${route.pattern}`)).toEqual([
      'POST /segmind/v1/runway-gen4-image',
      'POST /segmind/v2/runway-gen4-image',
      'GET /segmind/v2/requests/:id{[A-Za-z0-9_-]{1,128}}/status',
      'GET /segmind/v2/requests/:id{[A-Za-z0-9_-]{1,128}}/response',
      'POST /runway/v1/text_to_image',
      'POST /runway/v1/image_upscale',
      'GET|DELETE /runway/v1/tasks/:id{[A-Za-z0-9-]{1,64}}',
      'GET /runway-output/:path{.+}',
    ]);
  });
});
