// The panel at Figma's size: the core flow on one screen (cards, prompt, ratio and Generate visible without
// scrolling, Generate pinned in the footer), and the corner that resizes the plugin window, kept for the next open.
import { describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

let e2e: E2E;
shareE2EWithSavedKey((started) => {
  e2e = started;
});

/** Where each control sits in the panel's window, and the window's own size. */
async function layoutAsync(): Promise<{
  window: { width: number; height: number };
  boxes: Record<string, DOMRect | null>;
  scrolled: number;
}> {
  const frame = await e2e.pluginFrameAsync();
  return frame.evaluate(() => {
    const box = (element: Element | null | undefined): DOMRect | null => element?.getBoundingClientRect().toJSON() ?? null;
    const byLabel = (text: string) => [...document.querySelectorAll('label')].find((label) => label.textContent === text)?.control;
    const generate = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Generate');
    return {
      window: { width: window.innerWidth, height: window.innerHeight },
      boxes: {
        cards: box(document.querySelector('.cards')),
        prompt: box(byLabel('Prompt')),
        ratio: box(byLabel('Aspect ratio')),
        generate: box(generate),
        footer: box(document.querySelector('.footer')),
      },
      scrolled: document.querySelector('.view:not([hidden]) .content')?.scrollTop ?? -1,
    };
  });
}

describe('the panel at its own size', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('shows the cards, the prompt, the ratio and Generate without scrolling, Generate pinned at the bottom', async () => {
    await openWithReferencesAsync(e2e, MODEL_AND_CLOTH);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@model wearing @cloth on a rooftop at dusk');
    await e2e.waitForReadyAsync();
    const { window: size, boxes, scrolled } = await layoutAsync();
    // Figma's guidance for a plugin panel: at most 400 × 680.
    expect(size.width).toBeLessThanOrEqual(400);
    expect(size.height).toBeLessThanOrEqual(680);
    expect(scrolled).toBe(0);
    for (const [name, box] of Object.entries(boxes)) {
      expect(box, name).not.toBeNull();
      expect(box!.top, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
      expect(box!.bottom, `${name} ends inside the window`).toBeLessThanOrEqual(size.height);
    }
    expect(boxes.footer!.bottom).toBe(size.height);
    expect(boxes.generate!.height, 'the primary button is 32 px').toBe(32);
    expect(boxes.ratio!.height, 'controls are 24 px').toBe(24);
    await e2e.screenshotAsync('one-screen', 'panel');
  });

  it('resizes by its corner, and opens at that size next time', async () => {
    await e2e.resetAsync();
    await e2e.openPluginAsync();
    const iframe = e2e.page.locator('iframe');
    const before = await iframe.boundingBox();
    if (!before) throw new Error('The plugin window is not shown');
    // The grip is the panel's bottom-right corner. Dragged inwards: the host's iframe, like Figma's, is another
    // process, and this harness's synthetic mouse reaches it only while the pointer is over it.
    const start = { x: before.x + before.width - 4, y: before.y + before.height - 4 };
    await e2e.page.mouse.move(start.x, start.y);
    await e2e.page.mouse.down();
    await e2e.page.mouse.move(start.x - 20, start.y - 20, { steps: 4 });
    await e2e.page.mouse.move(start.x - 40, start.y - 40, { steps: 4 });
    await e2e.page.mouse.up();
    // The window follows the drag (the harness's last synthetic step may not reach the iframe: within a few px),
    // and the size it ends at is the one kept.
    await expect.poll(async () => (await iframe.boundingBox())?.width, POLL).toBeLessThanOrEqual(before.width - 30);
    await expect
      .poll(async () => {
        const box = await iframe.boundingBox();
        const kept = (await e2e.host('clientStorage'))['panel-layout'] as { width: number; height: number } | undefined;
        return box && kept ? [kept.width - Math.round(box.width), kept.height - Math.round(box.height)] : null;
      }, POLL)
      .toEqual([0, 0]);
    const box = await iframe.boundingBox();
    const wanted = { width: Math.round(box!.width), height: Math.round(box!.height) };
    expect(wanted.width).toBeGreaterThanOrEqual(before.width - 40);
    expect(wanted.height).toBeLessThanOrEqual(before.height - 30);
    expect((await e2e.host('clientStorage'))['panel-layout']).toEqual({ ...wanted, historyOpen: false });
    // The footer follows the window: Generate is still at the bottom.
    const { window: size, boxes } = await layoutAsync();
    expect(size).toEqual(wanted);
    expect(boxes.footer!.bottom).toBe(wanted.height);

    await e2e.host('closePlugin');
    await e2e.openPluginAsync();
    await expect.poll(async () => (await iframe.boundingBox())?.width, POLL).toBe(wanted.width);
    expect((await iframe.boundingBox())?.height).toBe(wanted.height);
  });
});
