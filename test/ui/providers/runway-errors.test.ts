import { describe, expect, it } from 'vitest';
import { RELAY_ERROR_HEADER } from '../../../core/relay-contract';
import { classifyRunwayHttpError, unreachableFailure } from '../../../ui/providers/runway-errors';
import { NOW, answer } from './runway-fixtures';

describe('classifyRunwayHttpError', () => {
  const context = { call: 'create' as const, keySent: true, attempts: 1, nowMs: NOW };

  it('400 shows Runway’s text, which names the field', () => {
    expect(classifyRunwayHttpError(answer(400, { error: 'referenceImages[0].uri: Invalid data URI.' }), context)).toEqual({
      kind: 'bad-request',
      message: 'Runway refused the request (HTTP 400: "referenceImages[0].uri: Invalid data URI.").',
    });
    const issues = {
      error: 'Validation of body failed',
      issues: [
        { path: ['ratio'], message: 'Invalid enum value' },
        { path: ['seed'], message: 'Too big' },
      ],
    };
    expect(classifyRunwayHttpError(answer(400, issues), context).message).toBe(
      'Runway refused the request (HTTP 400: "Validation of body failed; ratio: Invalid enum value; seed: Too big").',
    );
    expect(classifyRunwayHttpError(answer(400), context).message).toMatch(/without saying why/);
  });

  it('400 about credits is a credits failure', () => {
    const failure = classifyRunwayHttpError(answer(400, { error: 'You do not have enough credits to run this task.' }), context);
    expect(failure).toMatchObject({ kind: 'credits', message: expect.stringMatching(/Not enough Runway credits/) });
  });

  it('401 points at the Runway key in Settings, or at the relay’s key when none was sent', () => {
    const sent = classifyRunwayHttpError(answer(401, { error: 'Invalid API key' }), context);
    expect(sent).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/refused the API key.*Check the Runway key in Settings.*RUNWAY_API_KEY/),
    });
    const none = classifyRunwayHttpError(answer(401, { error: 'Missing key' }), { ...context, keySent: false });
    expect(none).toMatchObject({ kind: 'auth', message: expect.stringMatching(/none was sent.*Paste your Runway key in Settings/) });
  });

  it('404 means a wrong relay address on create, a task gone on poll', () => {
    expect(classifyRunwayHttpError(answer(404), context)).toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(/Relay URL/),
    });
    expect(classifyRunwayHttpError(answer(404, { error: 'Task not found.' }), { ...context, call: 'poll' })).toEqual({
      kind: 'gone',
      message:
        'Runway no longer has this task: it was deleted, or it was made with another Runway key (HTTP 404: "Task not found."). Generate again.',
    });
  });

  it('405, 413 and an unexpected 4xx are bad requests; 403 is auth', () => {
    expect(classifyRunwayHttpError(answer(405, '<html><title>405 Not Allowed</title></html>'), context)).toMatchObject({
      kind: 'bad-request',
      message: 'Runway answered with an unexpected HTTP 405: "405 Not Allowed". Please report it.',
    });
    expect(classifyRunwayHttpError(answer(413), context)).toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(/too large/),
    });
    expect(classifyRunwayHttpError(answer(418, 'teapot'), context)).toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(/unexpected HTTP 418: "teapot"/),
    });
    expect(classifyRunwayHttpError(answer(403), context).kind).toBe('auth');
  });

  it('429 is rate-limited, with when to try again from Retry-After', () => {
    const soon = classifyRunwayHttpError(answer(429, { error: 'Too many' }, { 'retry-after': '30' }), { ...context, attempts: 3 });
    expect(soon).toEqual({
      kind: 'rate-limited',
      message: 'Runway’s rate limit was reached (HTTP 429: "Too many"). The plugin tried 3 times. Try again in 30 seconds.',
      resetAt: '30',
    });
    const later = classifyRunwayHttpError(answer(429, '', { 'retry-after': 'Wed, 02 Jan 2030 17:30:00 GMT' }), context);
    expect(later).toMatchObject({
      message: expect.stringMatching(/Try again after 17:30 UTC\.$/),
      resetAt: 'Wed, 02 Jan 2030 17:30:00 GMT',
    });
    const unknown = classifyRunwayHttpError(answer(429), context);
    expect(unknown.resetAt).toBeUndefined();
    expect(unknown.message).toMatch(/caps generations per day/);
  });

  it.each([500, 502, 503, 504, 408, 409])('%i is a server failure that says how often it was tried', (status) => {
    const failure = classifyRunwayHttpError(answer(status, { error: 'Shedding load' }), { ...context, attempts: 3 });
    expect(failure.kind).toBe('server');
    expect(failure.message).toBe(
      `Runway is busy or unavailable right now (HTTP ${status}: "Shedding load"). The plugin tried 3 times. Try again in a few minutes.`,
    );
  });

  it.each([403, 404, 410])('a download answered %i is gone: its link expired', (status) => {
    expect(classifyRunwayHttpError(answer(status, '<?xml version="1.0"?><Error/>'), { ...context, call: 'download' })).toEqual({
      kind: 'gone',
      message: `The image’s download link expired (Runway keeps images 24–48 hours), so it can no longer be fetched (HTTP ${status}). Generate again.`,
    });
  });

  it('another download failure says how often it was tried', () => {
    expect(classifyRunwayHttpError(answer(502), { ...context, call: 'download', attempts: 3 }).message).toMatch(
      /HTTP 502\)\. The plugin tried 3 times/,
    );
  });

  it('the relay’s own refusal comes first', () => {
    const failure = classifyRunwayHttpError(answer(401, { error: 'token' }, { [RELAY_ERROR_HEADER]: 'token' }), context);
    expect(failure).toMatchObject({ kind: 'auth', message: expect.stringMatching(/relay token/) });
  });
});

describe('unreachableFailure', () => {
  it('says Runway is reachable only through the relay, and how to start it', () => {
    const failure = unreachableFailure('create', 'fetch failed: connect ECONNREFUSED 127.0.0.1:8787');
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toBe(
      'The plugin could not reach the relay (fetch failed: connect ECONNREFUSED 127.0.0.1:8787). Runway is reachable from the plugin ' +
        'only through the relay: check the Relay URL in Settings and that the relay runs (`npm run relay`).',
    );
    expect(unreachableFailure('poll', '').message).toMatch(/^The connection to the relay was lost while Runway was making the image\. /);
    expect(unreachableFailure('download', 'x').message).toMatch(/^The image is ready, but downloading it through the relay failed \(x\)/);
  });
});
