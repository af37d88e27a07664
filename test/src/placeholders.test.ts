// Placeholders against the fake: made at once where the images will land, filled by their images (the same layer,
// one undo step), released when a run ends without one, marked Interrupted when the plugin closes on a run that
// can't go on, and found again at the next open.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_EXPIRY_MS, pendingRunsStorageKey } from '../../core/pending-run';
import { PLACEMENT_GAP_PX, SECTION_PADDING_PX } from '../../core/layout';
import type { PlaceRequest, ReserveRequest } from '../../core/protocol';
import { FILE_ID_KEY } from '../../src/file-id';
import { GENERATED_RELAUNCH_DATA, GENERATION_DATA_KEY, ITERATE_RELAUNCH_DATA } from '../../src/generated-layer';
import { placeResultAsync } from '../../src/place-result';
import { createTargetFinder } from '../../src/place-into';
import {
  INTERRUPTED_LABEL,
  interruptUnfinished,
  jobStartedAsync,
  offerForReuse,
  openPendingRunsAsync,
  PLACEHOLDER_DATA_KEY,
  releasePlaceholderAsync,
  reservePlaceholdersAsync,
} from '../../src/placeholders';
import { readSelection } from '../../src/selection';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes } from './images';

let fake: FakeFigma;
let batchId = 100;
beforeEach(() => {
  fake = installFakeFigma();
  batchId += 1;
});
afterEach(removeFakeFigmaAsync);

function reserve(references: readonly FakeNode[], overrides: Partial<ReserveRequest> = {}): ReserveRequest {
  return {
    batchId,
    count: 1,
    ratio: '960:960',
    prompt: '@model wearing @cloth in a garden at golden hour',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: references.map((node) => ({ tag: node.name, layerId: node.id, layerName: node.name })),
    resumable: false,
    ...overrides,
  };
}

function place(reserved: ReserveRequest, nodeId: string, index = 0): PlaceRequest {
  return {
    requestId: 10 + index,
    bytes: jpegBytes(96, 96),
    prompt: reserved.prompt,
    ratio: reserved.ratio,
    provider: reserved.provider,
    model: reserved.model,
    references: reserved.references,
    seed: '77',
    target: { kind: 'placeholder', nodeId },
    batch: { batchId: reserved.batchId, index, count: reserved.count },
  };
}

const node = (id: string | null | undefined): FakeNode | undefined => fake.allNodes().find((candidate) => candidate.id === id);

async function storedRuns(): Promise<unknown> {
  await releasePlaceholderAsync('no-such-placeholder');
  return fake.clientStorage.peek(pendingRunsStorageKey(fake.root.getPluginData(FILE_ID_KEY)));
}

describe('reserving', () => {
  it('makes a grey placeholder of the exact size beside the references, named for its prompt, and records the run', async () => {
    const model = fake.add({ name: 'model', x: 0, y: 0, width: 300, height: 400 });
    const request = reserve([model]);
    const [id] = await reservePlaceholdersAsync(request);
    const placeholder = node(id);
    expect(placeholder).toMatchObject({
      type: 'FRAME',
      width: 960,
      height: 960,
      x: 300 + PLACEMENT_GAP_PX,
      y: 0,
      name: 'Generating… model wearing cloth in a garden…',
    });
    expect(placeholder?.fills).toEqual([{ type: 'SOLID', color: { r: 0.898, g: 0.898, b: 0.898 } }]);
    expect(placeholder?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('generating');
    expect(JSON.parse(placeholder?.getPluginData(GENERATION_DATA_KEY) ?? '{}')).toMatchObject({
      prompt: request.prompt,
      ratio: '960:960',
      references: request.references,
    });
    // Not an undo step of its own: the image that fills it commits the step.
    expect(fake.undoCommits).toBe(0);
    expect(await storedRuns()).toEqual([
      expect.objectContaining({
        placeholderId: id,
        provider: 'segmind',
        ratio: '960:960',
        prompt: request.prompt,
        jobId: null,
        jobSeed: null,
      }),
    ]);
  });

  it('lines the variations of one run up in a row, one placeholder each, in a section titled for the run', async () => {
    const model = fake.add({ name: 'model', width: 300, height: 400 });
    const ids = await reservePlaceholdersAsync(reserve([model], { count: 3 }));
    expect(ids).toHaveLength(3);
    // The section stands right of the references; the row sits inside it, its padding all round.
    const start = 300 + PLACEMENT_GAP_PX + SECTION_PADDING_PX;
    const xs = ids.map((id) => node(id)?.absoluteBoundingBox.x);
    expect(xs).toEqual([start, start + 960 + PLACEMENT_GAP_PX, start + 2 * (960 + PLACEMENT_GAP_PX)]);
    expect(ids.map((id) => node(id)?.absoluteBoundingBox.y)).toEqual([SECTION_PADDING_PX, SECTION_PADDING_PX, SECTION_PADDING_PX]);
    const section = node(ids[0])?.parent as FakeNode;
    expect(section).toMatchObject({ type: 'SECTION', name: 'model wearing cloth in a garden…', x: 300 + PLACEMENT_GAP_PX, y: 0 });
    expect([section.width, section.height]).toEqual([
      3 * 960 + 2 * PLACEMENT_GAP_PX + 2 * SECTION_PADDING_PX,
      960 + 2 * SECTION_PADDING_PX,
    ]);
    expect(section.children.map((child) => child.id)).toEqual(ids);
    expect(ids.map((id) => node(id)?.name)).toEqual([1, 2, 3].map((n) => `Generating… model wearing cloth in a garden… · ${n} of 3`));
  });

  it('shrinks the section to the placeholders left when variations fail, and removes it when none is left', async () => {
    const model = fake.add({ name: 'model', width: 300, height: 400 });
    const ids = await reservePlaceholdersAsync(reserve([model], { count: 3 }));
    const section = node(ids[0])?.parent as FakeNode;
    await releasePlaceholderAsync(ids[0]);
    expect(section.width).toBe(2 * 960 + PLACEMENT_GAP_PX + 2 * SECTION_PADDING_PX);
    expect(node(ids[1])?.x).toBe(SECTION_PADDING_PX);
    await releasePlaceholderAsync(ids[1]);
    await releasePlaceholderAsync(ids[2]);
    expect(section.removed).toBe(true);
    // A run that made nothing says nothing.
    expect(fake.notifications).toEqual([]);
  });

  it('is a rectangle in FigJam', async () => {
    fake.editorType = 'figjam';
    const [id] = await reservePlaceholdersAsync(reserve([]));
    expect(node(id)?.type).toBe('RECTANGLE');
  });

  it('makes nothing for a request that is not one', async () => {
    expect(await reservePlaceholdersAsync({ batchId: 1, count: 9 })).toEqual([]);
    const damaged = { ...reserve([]), references: [{ tag: 'model', layerId: '1:2' }] };
    expect(await reservePlaceholdersAsync(damaged)).toEqual([]);
    expect(fake.allNodes()).toEqual([]);
  });
});

describe('filling', () => {
  it('puts the image into the placeholder itself: its id, selection, record and history, in one undo step', async () => {
    const request = reserve([fake.add({ name: 'model', width: 300, height: 400 })]);
    const [id] = await reservePlaceholdersAsync(request);
    await placeResultAsync(place(request, id as string));
    const filled = node(id);
    expect(fake.ui.ofType('placed')).toEqual([
      { type: 'placed', requestId: 10, nodeId: id, name: 'model wearing cloth in a garden… · seed 77' },
    ]);
    expect(filled?.fills[0]).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL' });
    expect(filled?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('');
    expect(JSON.parse(filled?.getPluginData(GENERATION_DATA_KEY) ?? '{}')).toMatchObject({ seed: '77', target: { kind: 'new-layer' } });
    expect(filled?.getRelaunchData()).toEqual(GENERATED_RELAUNCH_DATA);
    expect(fake.currentPage.selection).toEqual([filled]);
    expect(fake.undoCommits).toBe(1);
    expect(fake.currentPage.children.filter((child) => child.name.startsWith('model wearing'))).toHaveLength(1);
    expect(await storedRuns()).toBeUndefined();
  });

  it('places a new layer in the placeholder’s slot when the designer deleted it meanwhile', async () => {
    const request = reserve([fake.add({ name: 'model', width: 300, height: 400 })]);
    const [id] = await reservePlaceholdersAsync(request);
    const slot = { x: node(id)?.x, y: node(id)?.y };
    node(id)?.remove();
    await placeResultAsync(place(request, id as string));
    const [placed] = fake.ui.ofType('placed');
    expect(placed?.nodeId).not.toBe(id);
    expect(node(placed?.nodeId)).toMatchObject({ ...slot, width: 960, height: 960 });
  });

  it('leaves the designer’s page alone when the placeholder was moved to another page, and says where it is', async () => {
    const request = reserve([]);
    const [id] = await reservePlaceholdersAsync(request);
    const archive = fake.addPage('Archive');
    archive.appendChild(node(id) as FakeNode);
    await placeResultAsync(place(request, id as string));
    expect(fake.ui.ofType('placed')[0]?.nodeId).toBe(id);
    expect(fake.currentPage.selection).toEqual([]);
    expect(fake.notifications.at(-1)).toBe('Placed “model wearing cloth in a garden… · seed 77” on the page “Archive”');
  });
});

describe('releasing', () => {
  it('removes the placeholder of a run that ended without an image, and forgets the run', async () => {
    const [id] = await reservePlaceholdersAsync(reserve([]));
    await releasePlaceholderAsync(id);
    expect(node(id)).toBeUndefined();
    expect(await storedRuns()).toBeUndefined();
  });

  it('moves the later placeholders of the run left, so a failed variation leaves no hole; placed images stay', async () => {
    const request = reserve([fake.add({ name: 'model', width: 300, height: 400 })], { count: 3 });
    const ids = await reservePlaceholdersAsync(request);
    const slots = ids.map((id) => node(id)?.x);
    await releasePlaceholderAsync(ids[0]);
    expect(node(ids[1])?.x).toBe(slots[0]);
    expect(node(ids[2])?.x).toBe(slots[1]);
  });

  it('never removes a layer that is no longer a placeholder', async () => {
    const request = reserve([]);
    const [id] = await reservePlaceholdersAsync(request);
    await placeResultAsync(place(request, id as string));
    await releasePlaceholderAsync(id);
    expect(node(id)).toBeDefined();
  });
});

describe('closing the plugin mid-run', () => {
  it('marks a run that can’t go on Interrupted, with the Iterate button; a Runway task that exists waits', async () => {
    const [segmind] = await reservePlaceholdersAsync(reserve([]));
    const [runway] = await reservePlaceholdersAsync(
      reserve([], { batchId: batchId + 50, provider: 'runway', model: 'gen4_image', resumable: true }),
    );
    const [runwayBeforeItsTask] = await reservePlaceholdersAsync(
      reserve([], { batchId: batchId + 51, provider: 'runway', resumable: true }),
    );
    await jobStartedAsync(runway, 'task-1', 42);
    interruptUnfinished();
    expect(node(segmind)).toMatchObject({ name: `${INTERRUPTED_LABEL} (model wearing cloth in a garden…)` });
    expect(node(segmind)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('interrupted');
    expect(node(segmind)?.getRelaunchData()).toEqual(ITERATE_RELAUNCH_DATA);
    expect(node(runwayBeforeItsTask)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('interrupted');
    expect(node(runway)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('generating');
    expect(node(runway)?.name).toMatch(/^Generating… /);
  });
});

describe('Iterate from an Interrupted placeholder', () => {
  it('makes the next one-image run fill that placeholder, at the new size, where it stands', async () => {
    const [id] = await reservePlaceholdersAsync(reserve([]));
    interruptUnfinished();
    const interrupted = node(id) as FakeNode;
    interrupted.x = 5000;
    offerForReuse(interrupted as unknown as SceneNode);
    const again = reserve([], { batchId: batchId + 70, ratio: '1280:720' });
    expect(await reservePlaceholdersAsync(again)).toEqual([id]);
    expect(node(id)).toMatchObject({ x: 5000, width: 1280, height: 720, name: 'Generating… model wearing cloth in a garden…' });
    expect(node(id)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('generating');
    expect(node(id)?.getRelaunchData()).toEqual({});
    await placeResultAsync(place(again, id as string));
    expect(fake.ui.ofType('placed')[0]?.nodeId).toBe(id);
  });

  it('is offered once, to a one-image run only', async () => {
    const [id] = await reservePlaceholdersAsync(reserve([]));
    interruptUnfinished();
    offerForReuse(node(id) as unknown as SceneNode);
    const ids = await reservePlaceholdersAsync(reserve([], { batchId: batchId + 80, count: 2 }));
    expect(ids).not.toContain(id);
    expect(await reservePlaceholdersAsync(reserve([], { batchId: batchId + 81 }))).not.toContain(id);
    expect(node(id)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('interrupted');
  });
});

describe('the next open', () => {
  it('hands back the Runway tasks to fetch, marks and forgets the rest, and says so', async () => {
    const [segmind] = await reservePlaceholdersAsync(reserve([]));
    const [runway] = await reservePlaceholdersAsync(
      reserve([], { batchId: batchId + 50, provider: 'runway', model: 'gen4_image', ratio: '1920:1080', resumable: true }),
    );
    await jobStartedAsync(runway, 'task-1', 42);
    // The plugin stopped without its close event: the next open marks what the close didn't.
    const { runs, interrupted, expired } = await openPendingRunsAsync();
    expect(runs).toEqual([
      expect.objectContaining({ placeholderId: runway, jobId: 'task-1', jobSeed: 42, model: 'gen4_image', ratio: '1920:1080' }),
    ]);
    expect([interrupted, expired]).toEqual([1, 0]);
    expect(node(segmind)?.getPluginData(PLACEHOLDER_DATA_KEY)).toBe('interrupted');
    expect((await openPendingRunsAsync()).interrupted).toBe(0);
    expect((await openPendingRunsAsync()).runs).toHaveLength(1);
  });

  it('removes the placeholder of a task too old to fetch', async () => {
    const [runway] = await reservePlaceholdersAsync(reserve([], { provider: 'runway', resumable: true }));
    await jobStartedAsync(runway, 'task-1', 42);
    const { runs, interrupted, expired } = await openPendingRunsAsync(Date.now() + JOB_EXPIRY_MS + 1);
    expect(runs).toEqual([]);
    expect([interrupted, expired]).toEqual([0, 1]);
    expect(node(runway)).toBeUndefined();
  });
});

describe('a placeholder in the selection', () => {
  it('is no reference and no target', async () => {
    const [id] = await reservePlaceholdersAsync(reserve([]));
    const hero = fake.add({ type: 'RECTANGLE', name: 'Hero', x: 3000 });
    fake.select(node(id) as FakeNode, hero);
    expect(readSelection(figma.currentPage.selection, 1).snapshot.skipped).toEqual([
      { id, name: expect.stringMatching(/^Generating… /), reason: { code: 'generating' } },
    ]);
    const targets = createTargetFinder();
    targets.setMode('selected-layer');
    expect(targets.read(figma.currentPage.selection, 1).snapshot.targetChoices.map((choice) => choice.id)).toEqual([hero.id]);
    interruptUnfinished();
    expect(readSelection(figma.currentPage.selection, 2).snapshot.skipped[0]?.reason).toEqual({ code: 'interrupted' });
  });
});
