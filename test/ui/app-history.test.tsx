// @vitest-environment happy-dom
// The History list: hidden before the first generation, then one button per entry with its thumbnail, prompt,
// ratio, provider, time and a deleted marker; choosing one asks the sandbox to open it.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../core/history';
import { initWithKey, renderPanel, stored, TEST_KEY } from './fakes';

afterEach(cleanup);

function item(id: string, overrides: Partial<HistoryItem> = {}): HistoryItem {
  return {
    id,
    layerId: `1:${id}`,
    prompt: `prompt ${id}`,
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    seed: null,
    createdAt: '2025-03-04T05:06:00.000Z',
    imageHash: 'abc',
    thumbnail: '/9j/4AAQ',
    references: [],
    width: 1280,
    height: 720,
    exists: true,
    ...overrides,
  };
}

describe('History', () => {
  it('is not shown before there is any', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('history', { entries: [], notice: null });
    expect(screen.queryByText(/^History/)).toBeNull();
  });

  it('lists each entry with its thumbnail, prompt, ratio, provider, time and whether it was deleted', () => {
    const { bridge, container } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('history', {
      entries: [item('a'), item('b', { provider: 'runway', ratio: '720:1280', exists: false, thumbnail: null })],
      notice: null,
    });
    fireEvent.click(screen.getByText('History (2)'));
    const [first, second] = [...(container.querySelectorAll('.history .history-entry') as NodeListOf<HTMLButtonElement>)];
    const time = new Date('2025-03-04T05:06:00.000Z').toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
    expect(first?.textContent).toBe(`prompt a1280:720 · Segmind · ${time}`);
    expect(first?.querySelector('img')?.getAttribute('src')).toBe('data:image/jpeg;base64,/9j/4AAQ');
    expect(second?.textContent).toBe(`?prompt b720:1280 · Runway · ${time} · deleted`);
    expect(second?.querySelector('img')).toBeNull();
    expect(second?.getAttribute('title')).toBe('Place this image again');
  });

  it('offers Reuse on each entry, which asks the sandbox to start again from it', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('history', { entries: [item('a'), item('b', { exists: false })], notice: null });
    fireEvent.click(screen.getByText('History (2)'));
    const reuse = screen.getAllByRole('button', { name: 'Reuse' });
    expect(reuse).toHaveLength(2);
    expect(reuse[1]?.getAttribute('aria-describedby')).toBe('history-b');
    expect(document.getElementById('history-b')?.textContent).toBe('prompt b');
    fireEvent.click(reuse[1] as HTMLElement);
    expect(bridge.postsOf('reuse-history')).toEqual([{ type: 'reuse-history', id: 'b' }]);
    expect(bridge.postsOf('open-history')).toEqual([]);
  });

  it('shows upscales: a generation’s with its prompt and Reuse, any other image’s as “Upscaled image” without Reuse', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const plain = item('p', { prompt: '', ratio: '3840:2160', provider: 'runway', model: 'magnific_precision_upscaler_v2', upscaled: 2 });
    bridge.deliver('history', { entries: [plain, item('g', { upscaled: 4 })], notice: null });
    fireEvent.click(screen.getByText('History (2)'));
    const time = new Date('2025-03-04T05:06:00.000Z').toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
    expect(document.getElementById('history-p')?.textContent).toBe('Upscaled image');
    expect(document.getElementById('history-p')?.nextElementSibling?.textContent).toBe(`3840:2160 · Runway · upscaled ×2 · ${time}`);
    expect(document.getElementById('history-g')?.textContent).toBe('prompt g');
    expect(document.getElementById('history-g')?.nextElementSibling?.textContent).toContain(' · upscaled ×4 · ');
    const reuse = screen.getAllByRole('button', { name: 'Reuse' });
    expect(reuse.map((button) => button.getAttribute('aria-describedby'))).toEqual(['history-g']);
  });

  it('opens and closes from the toolbar’s History button, and the sandbox is told to keep it so', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const toggle = screen.getByRole('button', { name: 'History' }) as HTMLButtonElement;
    expect(toggle.disabled).toBe(true);
    bridge.deliver('history', { entries: [item('a')], notice: null });
    const history = document.getElementById('history') as HTMLDetailsElement;
    expect(within(history).getByText('History (1)')).toBeTruthy();
    expect(toggle.disabled).toBe(false);
    expect(toggle.getAttribute('aria-controls')).toBe('history');
    expect(history.open).toBe(false);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(toggle);
    expect(history.open).toBe(true);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(bridge.postsOf('layout').at(-1)).toMatchObject({ historyOpen: true, final: true });

    fireEvent.click(toggle);
    expect(history.open).toBe(false);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(bridge.postsOf('layout').at(-1)).toMatchObject({ historyOpen: false, final: true });
  });

  it('is open at start when it was left open', () => {
    const { bridge } = renderPanel();
    bridge.stored = stored({ apiKeys: { segmind: TEST_KEY, runway: null } });
    bridge.deliver('init', { settings: bridge.stored, draft: null, layout: { width: 360, height: 640, historyOpen: true } });
    bridge.deliver('history', { entries: [item('a')], notice: null });
    expect((document.getElementById('history') as HTMLDetailsElement).open).toBe(true);
    expect(screen.getByRole('button', { name: 'History' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('asks the sandbox to open the chosen entry, and shows how it went', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('history', { entries: [item('a'), item('b')], notice: null });
    fireEvent.click(screen.getByRole('button', { name: /prompt b/ }));
    expect(bridge.postsOf('open-history')).toEqual([{ type: 'open-history', id: 'b' }]);
    bridge.deliver('history', {
      entries: [item('a'), item('b', { exists: false })],
      notice: 'The image is no longer in this file; only its thumbnail is kept.',
    });
    expect(screen.getByRole('status').textContent).toBe('The image is no longer in this file; only its thumbnail is kept.');
  });
});
