// @vitest-environment happy-dom
// Upscale in the panel: it asks for the selected image, says the scale and size before, runs Runway's upscaler
// with progress and Cancel, hands the larger image to the sandbox, and offers Revert to original; without a relay
// it says what is missing and asks for nothing.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { solidJpeg } from '../support/segmind-stand-in';
import { initWithKey, renderPanel, settleAsync } from './fakes';

afterEach(cleanup);

const RELAY = { relayUrl: 'https://relay.example.com', apiKeys: { segmind: 'sk-test', runway: 'key_test' } } as const;
const SOURCE = new Uint8Array(solidJpeg(1920, 1080, [200, 60, 40]));
const LARGER = new Uint8Array(solidJpeg(64, 36, [200, 60, 40]));

describe('Upscale', () => {
  it('says the scale and size, upscales through Runway with Cancel, hands the image over, and reverts', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    expect(bridge.postsOf('get-upscale-source')).toHaveLength(1);
    bridge.deliver('upscale-source', { layerId: '4:5', name: 'Hero', hash: 'small', bytes: SOURCE, upscaled: false });
    await settleAsync();
    expect(screen.getByText('“Hero”: 1920 × 1080 → ×2, 3840 × 2160 px')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Upscale as' }), { target: { value: 'sublime' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upscale ×2' }));
    await settleAsync();
    expect(runway.upscales).toHaveLength(1);
    const [call] = runway.upscales;
    expect(call?.request).toEqual({
      imageUri: `data:image/jpeg;base64,${Buffer.from(SOURCE).toString('base64')}`,
      factor: 2,
      flavor: 'sublime',
    });
    expect(call?.options.apiKey).toBe('key_test');
    expect(screen.getByRole('status').textContent).toBe('Upscaling “Hero” ×2…');
    call?.resolve({ ok: true, image: { bytes: LARGER, seed: null, cost: 10, creditsLeft: null } });
    await settleAsync();
    expect(bridge.postsOf('upscale')).toEqual([{ type: 'upscale', layerId: '4:5', hash: 'small', bytes: LARGER }]);
    bridge.deliver('upscaled', { layerId: '4:5', hash: 'large' });
    await settleAsync();
    expect(screen.getByText('Upscaled “Hero” ×2 to 3840 × 2160 px.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Revert to original' }));
    expect(bridge.postsOf('upscale').at(-1)).toEqual({ type: 'upscale', layerId: '4:5', hash: 'large', bytes: null });
    bridge.deliver('upscaled', { layerId: '4:5', hash: 'small' });
    await settleAsync();
    expect(screen.getByText('“Hero” shows its original image again.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revert to original' })).toBeNull();
  });

  it('cancels a running upscale and places nothing', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    bridge.deliver('upscale-source', { layerId: '4:5', name: 'Hero', hash: 'small', bytes: SOURCE, upscaled: false });
    await settleAsync();
    fireEvent.click(screen.getByRole('button', { name: 'Upscale ×2' }));
    await settleAsync();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settleAsync();
    expect(runway.upscales[0]?.options.signal?.aborted).toBe(true);
    expect(screen.getByText('Upscale cancelled.')).toBeTruthy();
    expect(bridge.postsOf('upscale')).toEqual([]);
  });

  it('refuses an image too large to upscale for Figma, and one that is not a PNG or JPEG, before any request', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    const wide = new Uint8Array(solidJpeg(2112, 912, [0, 0, 0]));
    bridge.deliver('upscale-source', { layerId: '4:5', name: 'Banner', hash: 'h', bytes: wide, upscaled: true });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe(
      'The image is already 2112 × 912 px: twice that (4224 × 1824 px) is more than Figma places (4096 px a side).',
    );
    expect(screen.queryByRole('button', { name: /^Upscale ×/ })).toBeNull();
    // Upscaled before: it can still go back to its original.
    expect(screen.getByRole('button', { name: 'Revert to original' })).toBeTruthy();
    bridge.deliver('upscale-source', {
      layerId: '4:5',
      name: 'Anim',
      hash: 'h',
      bytes: new Uint8Array([0x47, 0x49, 0x46, 0x38]),
      upscaled: false,
    });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe("“Anim” shows no PNG or JPEG, which Runway's upscaler needs.");
    expect(runway.upscales).toEqual([]);
  });

  it('without a relay, says Runway serves upscaling only through one, and asks the sandbox for nothing', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    expect(screen.getByRole('alert').textContent).toBe(
      "Upscaling uses Runway's upscaler, which Runway only serves through a relay: set one in Settings → Advanced.",
    );
    expect(bridge.postsOf('get-upscale-source')).toEqual([]);
  });

  it('says why the sandbox found no image to upscale', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge, RELAY);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    bridge.deliver('upscale-failed', { layerId: null, message: 'Select one layer whose top fill is an image to upscale it.' });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe('Select one layer whose top fill is an image to upscale it.');
  });
});
