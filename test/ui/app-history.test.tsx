// @vitest-environment happy-dom
// The History list: hidden before the first generation, then one button per entry with its thumbnail, prompt,
// ratio, provider, time and a deleted marker; choosing one asks the sandbox to open it.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../core/history';
import { initWithKey, renderPanel } from './fakes';

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
    const [first, second] = within(container.querySelector('.history') as HTMLElement).getAllByRole('button');
    const time = new Date('2025-03-04T05:06:00.000Z').toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
    expect(first?.textContent).toBe(`prompt a1280:720 · Segmind · ${time}`);
    expect(first?.querySelector('img')?.getAttribute('src')).toBe('data:image/jpeg;base64,/9j/4AAQ');
    expect(second?.textContent).toBe(`?prompt b720:1280 · Runway · ${time} · deleted`);
    expect(second?.querySelector('img')).toBeNull();
    expect(second?.getAttribute('title')).toBe('Place this image again');
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
