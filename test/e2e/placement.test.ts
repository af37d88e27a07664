// Where results land and what they are called, in the real panel and host (issue 11 §4): a run of variations goes
// to the nearest free spot beside its references (below them when the right is taken), grouped in a section with a
// short title, named "n of 3", selected, zoomed to and announced once; an Iterate result goes beside its source.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, shareE2EWithSavedKey } from '../support/e2e-suite';

const PROMPT = '@model wearing @cloth on a pier at dusk, film grain, soft light';
/** core/layout.ts shortTitle(PROMPT). */
const TITLE = 'model wearing cloth on a pier…';
/** core/layout.ts PLACEMENT_GAP_PX and SECTION_PADDING_PX. */
const GAP_PX = 80;
const PAD_PX = 80;
/** A wide board right of the references: results used to land past it, 3,000 px away. */
const BOARD = { name: 'board', type: 'FRAME', x: 720, y: 0, width: 3000, height: 300, fill: '#e0e0e0' } as const;

let e2e: E2E;
let referenceIds: string[];
let boardId: string;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
  referenceIds = await e2e.addLayersAsync(MODEL_AND_CLOTH);
  [boardId] = (await e2e.addLayersAsync([BOARD])) as [string];
  await e2e.openPluginAsync();
  await e2e.host('select', referenceIds);
  await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('960:960');
});

/** The page position of `layer`, counting from its parents. */
function pagePosition(layer: LayerInfo, layers: readonly LayerInfo[]): { x: number; y: number } {
  const parent = layers.find((candidate) => candidate.id === layer.parentId);
  if (!parent) return { x: layer.x, y: layer.y };
  const origin = pagePosition(parent, layers);
  return { x: origin.x + layer.x, y: origin.y + layer.y };
}

async function placedToastsAsync(): Promise<string[]> {
  return (await e2e.host('toasts')).map((toast) => toast.message).filter((message) => message.startsWith('Placed'));
}

describe('placement', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('puts a run of three below the references (the right is taken), in one section, named "n of 3", shown once', async () => {
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('3');
    const end = await e2e.generateAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toEqual({ text: 'Placed 3 of 3 variations', kind: null });

    const layers = await e2e.host('layers');
    const sections = layers.filter((layer) => layer.type === 'SECTION');
    expect(sections).toHaveLength(1);
    const section = sections[0]!;
    expect(section.name).toBe(TITLE);
    // The nearest free spot: right under the references, not past the board.
    expect([section.x, section.y]).toEqual([0, 400 + GAP_PX]);
    const images = layers.filter((layer) => layer.parentId === section.id).sort((a, b) => a.x - b.x);
    expect(images.map((image) => [image.type, image.width, image.height])).toEqual(Array.from({ length: 3 }, () => ['FRAME', 960, 960]));
    expect(images.map((image) => image.x)).toEqual([0, 1, 2].map((i) => PAD_PX + i * (960 + GAP_PX)));
    expect(images.map((image) => image.name.replace(/ · seed \d+$/, ''))).toEqual([1, 2, 3].map((n) => `${TITLE} · ${n} of 3`));
    expect(new Set(images.map((image) => image.name)).size).toBe(3);
    expect([section.width, section.height]).toEqual([3 * 960 + 2 * GAP_PX + 2 * PAD_PX, 960 + 2 * PAD_PX]);
    // The full prompt stays in each layer's record.
    for (const image of images) expect(JSON.parse(image.pluginData.generation ?? '{}')).toMatchObject({ prompt: PROMPT });

    // Shown once, when the run is done: the three selected, the section zoomed to, one notification.
    await expect.poll(() => e2e.host('selection'), POLL).toEqual(images.map((image) => image.id));
    expect((await e2e.host('viewport')).zoomedTo).toEqual([section.id]);
    expect(await placedToastsAsync()).toEqual([`Placed 3 images of “${TITLE}”`]);
    // Still one undo step per image.
    expect(await e2e.host('undoSteps')).toBe(3);
    await e2e.screenshotAsync('placement-section');
  });

  it('puts an Iterate result beside the layer it iterates, not by its references', async () => {
    // Without the board, the first result lands right of the references; the next one, were it placed beside the
    // references, would go below them (the right is then taken): beside its source it goes right of that.
    await e2e.host('removeLayer', boardId);
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('1');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const [first] = (await e2e.host('layers')).filter((layer) => layer.pluginData.generation);
    if (!first) throw new Error('Nothing was placed');
    // One image: no "1 of 1", and no section.
    expect(first.name).toMatch(new RegExp(`^${TITLE}( · seed \\d+)?$`));
    expect(first.parentId).toBeNull();

    await e2e.host('closePlugin');
    await e2e.host('select', [first.id]);
    await e2e.host('openPlugin', { command: 'iterate' });
    await expect.poll(() => e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue(), POLL).toBe(PROMPT);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(`${PROMPT}, rain`);
    expect((await e2e.generateAsync()).text).toContain('Placed');

    const layers = await e2e.host('layers');
    const second = layers.find((layer) => layer.pluginData.generation && layer.id !== first.id);
    if (!second) throw new Error('The Iterate result was not placed');
    const [from, to] = [pagePosition(first, layers), pagePosition(second, layers)];
    expect(from).toEqual({ x: 640 + GAP_PX, y: 0 });
    expect(to).toEqual({ x: from.x + first.width + GAP_PX, y: from.y });
  });
});
