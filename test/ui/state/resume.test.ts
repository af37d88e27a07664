import { describe, expect, it } from 'vitest';
import { closingEffect, closingText, finishingText, needsRelayText, resumeText, stillPending } from '../../../ui/state/resume';

describe('what the panel says about runs that outlive the plugin', () => {
  it('says what closing does to the run under way', () => {
    expect(closingText(closingEffect('new-layer', true))).toMatch(/^You can close the plugin: Runway goes on/);
    expect(closingText(closingEffect('new-layer', false))).toMatch(
      /^Closing the plugin stops this run: its placeholder is marked Interrupted/,
    );
    // No placeholder to wait in: a Runway task into a selected layer is not fetched after a close either.
    expect(closingText(closingEffect('selected-layer', true))).toBe('Closing the plugin stops this run: nothing would be placed.');
    expect(closingEffect('region', false)).toBe('stops');
  });

  it('counts the images of an earlier session', () => {
    expect(finishingText(1)).toBe('Finishing 1 image started before the plugin closed…');
    expect(finishingText(3)).toBe('Finishing 3 images started before the plugin closed…');
    expect(needsRelayText(2)).toBe(
      '2 images started before the plugin closed are still with Runway: save the relay in Settings and open the plugin again to fetch them.',
    );
  });

  it('says how they ended, each way at most once', () => {
    expect(resumeText({ finished: 2, failed: [], kept: [] })).toBe('Finished 2 images started before the plugin closed.');
    expect(
      resumeText({
        finished: 1,
        failed: [{ kind: 'gone', message: 'The link expired.' }],
        kept: [{ kind: 'unreachable', message: 'The relay is down.' }],
      }),
    ).toBe(
      'Finished 1 image started before the plugin closed. ' +
        "Runway couldn't finish 1 image started before the plugin closed: The link expired. Its placeholder was removed. " +
        "1 image started before the plugin closed couldn't be fetched now: The relay is down. The plugin tries again when you open it next.",
    );
  });
});

describe('stillPending', () => {
  it.each(['unreachable', 'timeout', 'rate-limited', 'auth', 'credits'] as const)(
    'keeps a job that failed with %s for the next open',
    (kind) => {
      expect(stillPending({ kind, message: '' })).toBe(true);
    },
  );

  it.each(['gone', 'bad-request', 'server', 'not-image', 'cancelled'] as const)('lets a job that ended with %s go', (kind) => {
    expect(stillPending({ kind, message: '' })).toBe(false);
  });
});
