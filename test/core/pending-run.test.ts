import { describe, expect, it } from 'vitest';
import { canResume, interruptedNotice, JOB_EXPIRY_MS, parsePendingRuns } from '../../core/pending-run';
import type { PendingRun } from '../../core/pending-run';

const RUN: PendingRun = {
  placeholderId: '7:1',
  provider: 'runway',
  model: 'gen4_image',
  ratio: '1920:1080',
  prompt: '@model on a pier',
  references: [{ tag: 'model', layerId: '1:1', layerName: 'model' }],
  jobId: 'task-1',
  jobSeed: 42,
  startedAt: 1_000,
};

describe('parsePendingRuns', () => {
  it('reads back what was stored, and nothing else of it', () => {
    expect(parsePendingRuns(structuredClone([RUN]))).toEqual([RUN]);
    expect(parsePendingRuns([{ ...RUN, apiKey: 'key_x', references: [...RUN.references, { tag: 1 }] }])).toEqual([RUN]);
  });

  it('leaves out what it cannot read', () => {
    expect(parsePendingRuns(undefined)).toEqual([]);
    expect(
      parsePendingRuns([
        { ...RUN, placeholderId: '' },
        { ...RUN, jobSeed: 1.5 },
        { ...RUN, startedAt: 'x' },
        'run',
        { ...RUN, jobId: null, jobSeed: null },
      ]),
    ).toEqual([{ ...RUN, jobId: null, jobSeed: null }]);
  });
});

describe('canResume', () => {
  it('is true for a job that exists and has not expired', () => {
    expect(canResume(RUN, RUN.startedAt + 1000)).toBe(true);
    expect(canResume({ ...RUN, jobId: null }, RUN.startedAt + 1000)).toBe(false);
    expect(canResume(RUN, RUN.startedAt + JOB_EXPIRY_MS)).toBe(false);
  });
});

describe('interruptedNotice', () => {
  it('counts the interrupted and the expired runs, and is null for none', () => {
    expect(interruptedNotice(0, 0)).toBeNull();
    expect(interruptedNotice(2, 0)).toBe(
      '2 images were interrupted when the plugin closed: select a placeholder and click Iterate to generate again.',
    );
    expect(interruptedNotice(0, 2)).toBe(
      '2 images started over 2 days ago could not be fetched any more: their placeholders were removed.',
    );
  });
});
