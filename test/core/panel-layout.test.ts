import { describe, expect, it } from 'vitest';
import { MAX_PANEL_SIZE, MIN_PANEL_SIZE, parsePanelLayout } from '../../core/panel-layout';

describe('parsePanelLayout', () => {
  it('reads a stored layout, its size whole pixels within the panel’s limits', () => {
    expect(parsePanelLayout({ width: 400.4, height: 680, historyOpen: true })).toEqual({ width: 400, height: 680, historyOpen: true });
    expect(parsePanelLayout({ width: 10, height: 99_999, historyOpen: 'yes' })).toEqual({
      width: MIN_PANEL_SIZE.width,
      height: MAX_PANEL_SIZE.height,
      historyOpen: false,
    });
  });

  it('reads anything else as no layout', () => {
    for (const value of [undefined, null, 'x', {}, { width: 400 }, { width: Number.NaN, height: 600 }, { width: '400', height: 600 }]) {
      expect(parsePanelLayout(value)).toBeNull();
    }
  });
});
