// @vitest-environment happy-dom
// The panel's size: restored from what the sandbox kept (brought within limits), and set by the corner grip.
import { cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PANEL_SIZE, MIN_PANEL_SIZE } from '../../core/panel-layout';
import { renderPanel, stored } from './fakes';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the panel’s size', () => {
  it('asks for the size kept last time, within the limits, and nothing when it is the default', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { settings: stored(), draft: null, layout: { width: 420, height: 99_999, historyOpen: false } });
    expect(bridge.postsOf('layout')).toEqual([
      { type: 'layout', width: 420, height: MAX_PANEL_SIZE.height, historyOpen: false, final: false },
    ]);
    const again = renderPanel();
    again.bridge.deliver('init', { settings: stored(), draft: null, layout: { width: 360, height: 640, historyOpen: false } });
    again.bridge.deliver('init', { settings: stored(), draft: null, layout: 'damaged' });
    expect(again.bridge.postsOf('layout')).toEqual([]);
  });

  it('follows the corner grip once per frame and keeps the size it is let go at, never below the minimum', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] });
    const { bridge } = renderPanel();
    bridge.deliver('init', { settings: stored(), draft: null, layout: null });
    const grip = document.querySelector('.resize-grip') as HTMLElement;
    Object.defineProperty(grip, 'setPointerCapture', { value: () => undefined });
    Object.assign(window, { innerWidth: 360, innerHeight: 640 });
    fireEvent.pointerDown(grip, { pointerId: 1, screenX: 1000, screenY: 700 });
    fireEvent.pointerMove(grip, { pointerId: 1, screenX: 1010, screenY: 710 });
    fireEvent.pointerMove(grip, { pointerId: 1, screenX: 1040, screenY: 740 });
    vi.advanceTimersToNextFrame();
    expect(bridge.postsOf('layout')).toEqual([{ type: 'layout', width: 400, height: 680, historyOpen: false, final: false }]);
    fireEvent.pointerUp(grip, { pointerId: 1, screenX: 700, screenY: 300 });
    expect(bridge.postsOf('layout').at(-1)).toEqual({
      type: 'layout',
      width: MIN_PANEL_SIZE.width,
      height: MIN_PANEL_SIZE.height,
      historyOpen: false,
      final: true,
    });
    // A drag whose release never reaches the panel is kept once the pointer rests.
    fireEvent.pointerDown(grip, { pointerId: 2, screenX: 1000, screenY: 700 });
    fireEvent.pointerMove(grip, { pointerId: 2, screenX: 1020, screenY: 720 });
    vi.advanceTimersByTime(1000);
    expect(bridge.postsOf('layout').at(-1)).toMatchObject({ width: 380, height: 660, final: true });
  });
});
