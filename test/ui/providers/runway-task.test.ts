import { describe, expect, it } from 'vitest';
import { MAX_PROVIDER_MESSAGE_CHARS } from '../../../ui/providers/provider-text';
import { RUNWAY_OUTPUT_ORIGIN } from '../../../ui/providers/runway-requests';
import {
  failureCodeClass,
  outputProblem,
  parseCreatedTask,
  readTask,
  taskFailure,
  type TaskContext,
  type TaskReading,
} from '../../../ui/providers/runway-task';
import { CONTEXT, OUTPUT_BASE } from './runway-fixtures';

const task = (value: unknown, context: TaskContext = CONTEXT): TaskReading => readTask(JSON.stringify(value), context);

function failedReading(reading: TaskReading) {
  if (reading.state !== 'failed') throw new Error(`expected a failed reading, got ${reading.state}`);
  return reading;
}

describe('parseCreatedTask', () => {
  it('reads the id and the estimated cost', () => {
    expect(parseCreatedTask(JSON.stringify({ id: 't-1', estimatedCost: { credits: 8 } }))).toEqual({
      ok: true,
      task: { id: 't-1', estimatedCredits: 8 },
    });
    expect(parseCreatedTask(JSON.stringify({ id: 't-2' }))).toEqual({ ok: true, task: { id: 't-2', estimatedCredits: null } });
    expect(parseCreatedTask(JSON.stringify({ id: 't-3', estimatedCost: { credits: 'eight' } }))).toEqual({
      ok: true,
      task: { id: 't-3', estimatedCredits: null },
    });
  });

  it('fails clearly for an answer without a task id', () => {
    for (const body of ['', '{}', '{"id":""}', '[1]', 'not json']) {
      const parsed = parseCreatedTask(body);
      expect(parsed.ok, body).toBe(false);
      if (!parsed.ok) expect(parsed.failure).toMatchObject({ kind: 'server', message: expect.stringMatching(/names no task/) });
    }
  });
});

describe('readTask', () => {
  it('PENDING and THROTTLED are queued', () => {
    expect(task({ id: 't', status: 'PENDING' })).toEqual({ state: 'waiting', progress: { phase: 'queued' } });
    expect(task({ id: 't', status: 'THROTTLED' })).toEqual({ state: 'waiting', progress: { phase: 'queued' } });
  });

  it('RUNNING carries its progress, clamped to 0–1, or none', () => {
    expect(task({ status: 'RUNNING', progress: 0.4 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 0.4 } });
    expect(task({ status: 'RUNNING', progress: 1.7 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 1 } });
    expect(task({ status: 'RUNNING', progress: -2 })).toEqual({ state: 'waiting', progress: { phase: 'running', fraction: 0 } });
    expect(task({ status: 'RUNNING' })).toEqual({ state: 'waiting', progress: { phase: 'running' } });
    expect(task({ status: 'RUNNING', progress: '40%' })).toEqual({ state: 'waiting', progress: { phase: 'running' } });
  });

  it('SUCCEEDED is downloaded through the relay’s output mirror, path and query kept', () => {
    const reading = task({ status: 'SUCCEEDED', output: [`${RUNWAY_OUTPUT_ORIGIN}/abc/def.png?_jwt=x.y.z&a=1`, 'https://ignored'] });
    expect(reading).toEqual({ state: 'succeeded', downloadUrl: `${OUTPUT_BASE}/abc/def.png?_jwt=x.y.z&a=1` });
  });

  it('SUCCEEDED without an output, or with one on another host, fails and is never fetched', () => {
    expect(failedReading(task({ status: 'SUCCEEDED', output: [] })).failure.message).toMatch(/sent no link/);
    expect(failedReading(task({ status: 'SUCCEEDED' })).failure.message).toMatch(/sent no link/);
    const foreign = failedReading(task({ status: 'SUCCEEDED', output: ['https://evil.example/a.png'] }));
    expect(foreign.failure).toMatchObject({
      kind: 'server',
      message: expect.stringMatching(/another host \(evil.example\).*did not fetch it/),
    });
    expect(foreign.retryOnce).toBe(false);
  });

  it('CANCELLED on Runway’s side means the image is gone (not the designer’s cancel), not retried', () => {
    const reading = failedReading(task({ status: 'CANCELLED' }));
    expect(reading.failure).toMatchObject({
      kind: 'gone',
      message: expect.stringMatching(/cancelled on Runway’s side.*no image to fetch/),
    });
    expect(reading.retryOnce).toBe(false);
  });

  it('an unknown status or an unreadable body fails clearly', () => {
    expect(failedReading(task({ status: 'EXPLODED' })).failure.message).toMatch(/does not know \("EXPLODED"\)/);
    expect(failedReading(readTask('<html>', CONTEXT)).failure.message).toMatch(/could not be read \("<html>"\)/);
  });

  it('FAILED goes through the failure-code classes', () => {
    const reading = failedReading(task({ status: 'FAILED', failureCode: 'SAFETY.INPUT.IMAGE', failure: 'flagged' }));
    expect(reading.retryOnce).toBe(false);
    expect(reading.failure.kind).toBe('bad-request');
  });
});

describe('failure codes', () => {
  it.each([
    ['SAFETY.INPUT.TEXT', 'safety-input'],
    ['SAFETY.INPUT.IMAGE', 'safety-input'],
    ['INPUT_PREPROCESSING.SAFETY.TEXT', 'safety-input'],
    ['SAFETY.OUTPUT.IMAGE', 'safety-output'],
    ['INTERNAL', 'internal'],
    ['INTERNAL.BAD_OUTPUT.CODE01', 'internal'],
    ['INPUT_PREPROCESSING.INTERNAL', 'internal'],
    ['ASSET.INVALID', 'asset'],
    ['SOMETHING.NEW', 'unknown'],
    [null, 'unknown'],
  ])('%s is %s', (code, kind) => {
    expect(failureCodeClass(code)).toBe(kind);
  });

  it('safety failures say content moderation, are never retried, and name no single culprit', () => {
    const input = taskFailure('SAFETY.INPUT.TEXT', 'Prompt flagged', CONTEXT);
    expect(input.retryOnce).toBe(false);
    expect(input.failure).toEqual({
      kind: 'bad-request',
      message: expect.stringMatching(
        /^Runway’s content moderation rejected this request \(SAFETY.INPUT.TEXT\)\. Change the prompt or the references/,
      ),
    });
    const preprocessing = taskFailure('INPUT_PREPROCESSING.SAFETY.TEXT', null, CONTEXT);
    expect(preprocessing.retryOnce).toBe(false);
    expect(preprocessing.failure.message).toMatch(/content moderation rejected this request/);
    const output = taskFailure('SAFETY.OUTPUT.IMAGE', null, CONTEXT);
    expect(output.retryOnce).toBe(false);
    expect(output.failure.message).toMatch(/content moderation rejected the image it made \(SAFETY.OUTPUT.IMAGE\)/);
  });

  it('internal failures may be retried once, and say so after the second try', () => {
    const first = taskFailure('INTERNAL.BAD_OUTPUT.CODE01', 'Rejected by quality checks', CONTEXT);
    expect(first.retryOnce).toBe(true);
    expect(first.failure).toMatchObject({ kind: 'server' });
    expect(first.failure.message).toMatch(
      /could not make a usable image \(INTERNAL.BAD_OUTPUT.CODE01\)\. Runway said: "Rejected by quality checks" Text or graphics/,
    );
    expect(taskFailure('INTERNAL', null, { ...CONTEXT, attempt: 2 }).failure.message).toMatch(/usable image, on two tries \(INTERNAL\)\./);
  });

  it('an invalid asset names the reference when Runway’s text does (by index or by tag)', () => {
    const byIndex = taskFailure('ASSET.INVALID', 'Invalid asset for referenceImages[1]: cannot decode', CONTEXT);
    expect(byIndex.retryOnce).toBe(false);
    expect(byIndex.failure).toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(/^Runway could not use the reference @model \(ASSET.INVALID\)/),
    });
    expect(taskFailure('ASSET.INVALID', 'referenceImages.0.uri is too large', CONTEXT).failure.message).toMatch(/the reference @jacket/);
    expect(taskFailure('ASSET.INVALID', 'The image tagged Jacket is too wide', CONTEXT).failure.message).toMatch(/the reference @jacket/);
    expect(taskFailure('ASSET.INVALID', 'referenceImages[5] bad', CONTEXT).failure.message).toMatch(/use reference 6/);
    expect(taskFailure('ASSET.INVALID', 'Bad image', CONTEXT).failure.message).toMatch(/use one of the references .*"Bad image"/);
  });

  it('an unknown code shows Runway’s own failure text', () => {
    expect(taskFailure('NEW.CODE', 'The moon is in the wrong phase', CONTEXT)).toEqual({
      failure: { kind: 'server', message: 'Runway could not make the image (NEW.CODE): "The moon is in the wrong phase"' },
      retryOnce: false,
    });
    expect(taskFailure(null, null, CONTEXT).failure.message).toBe('Runway could not make the image and did not say why. Try again.');
  });

  it('cuts a long failure text', () => {
    const { failure } = taskFailure('NEW.CODE', 'x'.repeat(5000), CONTEXT);
    expect(failure.message.length).toBeLessThan(MAX_PROVIDER_MESSAGE_CHARS + 80);
  });
});

describe('outputProblem', () => {
  it('passes an image, and names what came instead of one', () => {
    expect(outputProblem('jpeg', 1000, 'image/jpeg')).toBeNull();
    expect(outputProblem(null, 38, 'text/html; charset=utf-8')).toEqual({
      kind: 'not-image',
      message: 'The download of Runway’s image was not an image (it was text/html, 38 bytes). Check the relay and generate again.',
    });
    expect(outputProblem(null, 0, null)?.message).toMatch(/came back empty/);
  });
});
