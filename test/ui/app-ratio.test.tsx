// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { initWithKey, renderPanel } from './fakes';

afterEach(cleanup);

function ratioSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Aspect ratio' });
}

describe('the aspect ratio', () => {
  it("lists the provider's eight ratios with their use", () => {
    renderPanel();
    const labels = [...ratioSelect().options].map((option) => option.textContent);
    expect(labels).toHaveLength(8);
    expect(labels[0]).toBe('1280:720 — 16:9, YouTube, slides');
    expect(labels).toContain('1080:1920 — 9:16 Full HD, Stories/TikTok');
    expect([...ratioSelect().options].map((option) => option.value)).toEqual([
      '1280:720',
      '1920:1080',
      '720:1280',
      '1080:1920',
      '960:960',
      '1104:832',
      '832:1104',
      '1584:672',
    ]);
  });

  it("defaults to the provider's ratio and shows its pixel size", () => {
    renderPanel();
    expect(ratioSelect().value).toBe('1280:720');
    expect(screen.getByText('New layer: 1280 × 720 px')).toBeTruthy();
  });

  it('starts from the remembered ratio', () => {
    const { bridge } = renderPanel();
    // With a key, as a set-up designer has: without one, Settings would show in place of the options.
    initWithKey(bridge, { ratios: { 'runway-gen4-image': '1584:672' } });
    expect(ratioSelect().value).toBe('1584:672');
    expect(screen.getByText('New layer: 1584 × 672 px')).toBeTruthy();
  });

  it('falls back to the default when the remembered ratio is not offered', () => {
    const { bridge } = renderPanel();
    // With a key, as a set-up designer has: without one, Settings would show in place of the options.
    initWithKey(bridge, { ratios: { 'runway-gen4-image': '1024:1024' } });
    expect(ratioSelect().value).toBe('1280:720');
  });

  it('remembers a change through the sandbox', () => {
    const { bridge } = renderPanel();
    fireEvent.change(ratioSelect(), { target: { value: '960:960' } });
    expect(ratioSelect().value).toBe('960:960');
    expect(screen.getByText('New layer: 960 × 960 px')).toBeTruthy();
    expect(bridge.postsOf('save-settings')).toEqual([
      { type: 'save-settings', id: 1, patch: { ratio: { model: 'runway-gen4-image', ratio: '960:960' } } },
    ]);
  });
});
