// @vitest-environment happy-dom
// Upscale in the panel: it asks for the selected image, says the scale and size before, runs Runway's upscaler
// with progress and Cancel, hands the larger image to the sandbox, and offers Revert to original; without a relay
// it says what is missing and asks for nothing.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { solidJpeg } from '../support/segmind-stand-in';
import { App } from '../../ui/app';
import { providerFor } from '../../ui/providers/registry';
import { UPSCALE_NEEDS_RELAY } from '../../ui/session/use-upscale';
import { closeSettings, fakeServices, initWithKey, openSettings, renderPanel, settleAsync } from './fakes';

afterEach(cleanup);

const RELAY = { relayUrl: 'https://relay.example.com', apiKeys: { segmind: 'sk-test', runway: 'key_test' } } as const;
const SOURCE = new Uint8Array(solidJpeg(1920, 1080, [200, 60, 40]));
const LARGER = new Uint8Array(solidJpeg(64, 36, [200, 60, 40]));

/** The larger image went to the sandbox as Hero's upscale; once the sandbox says it is in place, the panel says so. */
async function expectHandedOverAsync(bridge: ReturnType<typeof renderPanel>['bridge']): Promise<void> {
  await settleAsync();
  expect(bridge.postsOf('upscale')).toEqual([
    { type: 'upscale', job: { layerId: '4:5', hash: 'small', name: 'Hero', factor: 2 }, bytes: LARGER },
  ]);
  bridge.deliver('upscaled', { layerId: '4:5', hash: 'large', newLayer: false });
  await settleAsync();
  expect(screen.getByText('Upscaled “Hero” ×2 to 3840 × 2160 px.')).toBeTruthy();
}

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
    await expectHandedOverAsync(bridge);

    fireEvent.click(screen.getByRole('button', { name: 'Revert to original' }));
    expect(bridge.postsOf('revert-upscale')).toEqual([{ type: 'revert-upscale', layerId: '4:5', hash: 'large' }]);
    bridge.deliver('upscaled', { layerId: '4:5', hash: 'small', newLayer: false });
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
  /** Opens Upscale on the 1920×1080 "Hero" and starts ×2; the upscale asked of Runway. */
  async function startUpscaleAsync(bridge: ReturnType<typeof renderPanel>['bridge'], runway: ReturnType<typeof renderPanel>['runway']) {
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    bridge.deliver('upscale-source', { layerId: '4:5', name: 'Hero', hash: 'small', bytes: SOURCE, upscaled: false });
    await settleAsync();
    fireEvent.click(screen.getByRole('button', { name: 'Upscale ×2' }));
    await settleAsync();
    const call = runway.upscales[0];
    if (!call) throw new Error('No upscale was asked of Runway');
    return call;
  }

  it('shows Runway’s estimate once it takes the task, and has the sandbox keep the task until the image is in place', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    const call = await startUpscaleAsync(bridge, runway);
    call.options.onJob?.({ id: 'task-9', seed: null, credits: 10 });
    await settleAsync();
    expect(screen.getByRole('status').textContent).toBe("Upscaling “Hero” ×2… Runway's estimate: up to 10 credits.");
    const [kept] = bridge.postsOf('upscale-job');
    expect(kept?.job).toMatchObject({ layerId: '4:5', hash: 'small', name: 'Hero', factor: 2, jobId: 'task-9', width: 3840, height: 2160 });
    expect(JSON.stringify(kept)).not.toContain('key_test');
    call.options.onProgress?.({ phase: 'running', fraction: 0.4 });
    await settleAsync();
    expect(screen.getByRole('status').textContent).toBe("Upscaling “Hero” ×2… 40% Runway's estimate: up to 10 credits.");
  });

  it('cancels the task when Runway’s estimate is over the cost limit, and says so', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, { ...RELAY, costLimit: 5 });
    const call = await startUpscaleAsync(bridge, runway);
    call.options.onJob?.({ id: 'task-9', seed: null, credits: 10 });
    expect(call.options.signal?.aborted).toBe(true);
    call.resolve({ ok: false, failure: { kind: 'cancelled', message: 'Upscale cancelled.' } });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe(
      'Runway estimated up to 10 credits, over your limit of 5 credits: the upscale was cancelled.',
    );
    expect(bridge.postsOf('upscale-job').at(-1)).toEqual({ type: 'upscale-job', job: null });
    expect(bridge.postsOf('upscale')).toEqual([]);
  });

  it('says where the larger image went when the layer changed meanwhile, and offers no Revert for it', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    const call = await startUpscaleAsync(bridge, runway);
    call.resolve({ ok: true, image: { bytes: LARGER, seed: null, cost: 10, creditsLeft: null } });
    await settleAsync();
    bridge.deliver('upscaled', { layerId: '9:9', hash: 'large', newLayer: true });
    await settleAsync();
    expect(screen.getByText('The layer changed meanwhile: the larger image was placed beside it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revert to original' })).toBeNull();
  });

  const PENDING = {
    layerId: '4:5',
    hash: 'small',
    name: 'Hero',
    factor: 2,
    jobId: 'task-9',
    width: 3840,
    height: 2160,
    startedAt: 1,
  } as const;

  it('fetches an upscale of an earlier session at open and hands its image to the sandbox', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    bridge.deliver('upscale-resume', { job: PENDING });
    await settleAsync();
    expect(runway.resumes.map((resume) => resume.job)).toEqual([
      { id: 'task-9', seed: null, model: 'magnific_precision_upscaler_v2', ratio: '3840:2160' },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Upscaling “Hero” ×2…');
    runway.resumes[0]?.resolve({ ok: true, image: { bytes: LARGER, seed: null, cost: null, creditsLeft: null } });
    await expectHandedOverAsync(bridge);
  });

  it('keeps an earlier upscale for the next open when Runway can’t be asked now, and forgets one that failed', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    bridge.deliver('upscale-resume', { job: PENDING });
    await settleAsync();
    runway.resumes[0]?.resolve({ ok: false, failure: { kind: 'unreachable', message: 'The plugin could not reach the relay.' } });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe(
      "1 image started before the plugin closed couldn't be fetched now: The plugin could not reach the relay. The plugin tries again when you open it next.",
    );
    expect(bridge.postsOf('upscale-job')).toEqual([]);

    bridge.deliver('upscale-resume', { job: PENDING });
    await settleAsync();
    runway.resumes[1]?.resolve({ ok: false, failure: { kind: 'server', message: 'Runway could not make the image.' } });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe('Runway could not make the image.');
    expect(bridge.postsOf('upscale-job')).toEqual([{ type: 'upscale-job', job: null }]);
  });

  it('without a relay at open, says the earlier upscale is still with Runway and keeps it', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('upscale-resume', { job: PENDING });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe(
      '1 image started before the plugin closed is still with Runway: save the relay in Settings and open the plugin again to fetch it.',
    );
    expect(runway.resumes).toEqual([]);
    expect(bridge.postsOf('upscale-job')).toEqual([]);
  });
  it('with the relay removed after the image was offered, says a relay is needed instead of hanging', async () => {
    // The real registry: without a relay, its Runway provider can't upscale at all.
    const { services, bridge } = fakeServices();
    render(<App services={{ ...services, providerFor: (choice) => providerFor(choice) }} />);
    initWithKey(bridge, RELAY);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale selected image…' }));
    bridge.deliver('upscale-source', { layerId: '4:5', name: 'Hero', hash: 'small', bytes: SOURCE, upscaled: false });
    await settleAsync();
    openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Remove relay' }));
    bridge.answerSaves();
    closeSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Upscale ×2' }));
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe(UPSCALE_NEEDS_RELAY);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(bridge.postsOf('upscale-job')).toEqual([]);
  });
  it('when the sandbox could not place the larger image, says why and offers no Revert for an image that never changed', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    const call = await startUpscaleAsync(bridge, runway);
    call.resolve({ ok: true, image: { bytes: LARGER, seed: null, cost: 10, creditsLeft: null } });
    await settleAsync();
    bridge.deliver('upscale-failed', { layerId: '4:5', message: "Couldn't place the larger image: Figma refused it" });
    await settleAsync();
    expect(screen.getByRole('alert').textContent).toBe("Couldn't place the larger image: Figma refused it");
    expect(screen.queryByRole('button', { name: 'Revert to original' })).toBeNull();
  });
});
