// @vitest-environment happy-dom
// The panel's side of placeholders and runs that outlive the plugin: a New layer run asks for its placeholders
// before the provider, reports a Runway task as it is created, fills each placeholder and releases the ones whose
// run ends without an image; beside Cancel it says what closing does; on opening it finishes the runs an earlier
// session started and says how they ended.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PendingRun } from '../../core/pending-run';
import { closingText } from '../../ui/state/resume';
import { generateButton, initWithKey, layer, PNG_BYTES, placeholderId, promptField, renderPanel, select, settleAsync } from './fakes';
import type { Panel } from './fakes';

afterEach(cleanup);

const RELAY = { provider: 'runway', relayUrl: 'https://relay.example.com', apiKeys: { segmind: null, runway: 'key_test' } } as const;

async function readyPanelAsync(settings: Parameters<typeof initWithKey>[1] = {}): Promise<Panel> {
  const panel = renderPanel();
  initWithKey(panel.bridge, settings);
  select(panel.bridge, 1, [layer('1:1', 'model'), layer('1:2', 'cloth')]);
  fireEvent.input(promptField(), { target: { value: '@model wearing @cloth' } });
  await waitFor(() => expect(generateButton().disabled).toBe(false));
  return panel;
}

function run(overrides: Partial<PendingRun> = {}): PendingRun {
  return {
    placeholderId: '7:1',
    provider: 'runway',
    model: 'gen4_image',
    ratio: '1920:1080',
    prompt: '@model on a pier',
    references: [{ tag: 'model', layerId: '1:1', layerName: 'model' }],
    jobId: 'task-1',
    jobSeed: 42,
    startedAt: Date.now(),
    ...overrides,
  };
}

describe('a New layer run', () => {
  it('asks for its placeholders first, and fills them', async () => {
    const { bridge, provider } = await readyPanelAsync();
    fireEvent.change(screen.getByRole('combobox', { name: 'Variations' }), { target: { value: '2' } });
    fireEvent.click(generateButton());
    expect(bridge.postsOf('reserve')).toEqual([
      {
        type: 'reserve',
        batchId: 1,
        count: 2,
        ratio: '1280:720',
        prompt: '@model wearing @cloth',
        provider: 'segmind',
        model: 'runway-gen4-image',
        references: [
          { tag: 'model', layerId: '1:1', layerName: 'model' },
          { tag: 'cloth', layerId: '1:2', layerName: 'cloth' },
        ],
        resumable: false,
      },
    ]);
    provider.calls[0]?.resolve({ ok: true, image: { bytes: PNG_BYTES, creditsLeft: null, seed: null, cost: null } });
    await provider.succeedAsync();
    expect(
      bridge
        .postsOf('place')
        .map((place) => place.target)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      { kind: 'placeholder', nodeId: placeholderId(1, 0) },
      { kind: 'placeholder', nodeId: placeholderId(1, 1) },
    ]);
    expect(bridge.postsOf('ended')).toEqual([]);
  });

  it('releases the placeholder of a variation that fails, and of every one cancelled', async () => {
    const { bridge, provider } = await readyPanelAsync();
    fireEvent.change(screen.getByRole('combobox', { name: 'Variations' }), { target: { value: '3' } });
    fireEvent.click(generateButton());
    provider.calls[1]?.resolve({ ok: false, failure: { kind: 'rate-limited', message: 'Segmind is rate limiting.' } });
    await settleAsync();
    expect(bridge.postsOf('ended')).toEqual([
      { type: 'ended', batch: { batchId: 1, index: 1, count: 3 }, placeholderId: placeholderId(1, 1) },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settleAsync();
    expect(
      bridge
        .postsOf('ended')
        .map((ended) => [ended.batch.index, ended.placeholderId])
        .sort(),
    ).toEqual([
      [0, placeholderId(1, 0)],
      [1, placeholderId(1, 1)],
      [2, placeholderId(1, 2)],
    ]);
  });

  it('says beside Cancel that closing stops a Segmind run', async () => {
    const { provider } = await readyPanelAsync();
    fireEvent.click(generateButton());
    expect(screen.getByRole('button', { name: 'Cancel' }).getAttribute('aria-describedby')).toBe('closing-note');
    expect(document.getElementById('closing-note')?.textContent).toBe(closingText('interrupts'));
    await provider.succeedAsync();
    expect(document.getElementById('closing-note')).toBeNull();
  });

  it('reports a Runway task for its placeholder as soon as it exists, and says closing is safe', async () => {
    const { bridge, runway } = await readyPanelAsync(RELAY);
    fireEvent.click(generateButton());
    expect(bridge.postsOf('reserve')[0]).toMatchObject({ provider: 'runway', resumable: true });
    await settleAsync();
    runway.calls[0]?.options.onJob?.({ id: 'task-9', seed: 1234 });
    await settleAsync();
    expect(bridge.postsOf('job-started')).toEqual([
      { type: 'job-started', placeholderId: placeholderId(1, 0), jobId: 'task-9', seed: 1234 },
    ]);
    expect(document.getElementById('closing-note')?.textContent).toBe(closingText('resumes'));
  });

  it('places into the selected layer with no placeholder, and says closing would place nothing', async () => {
    const { bridge } = await readyPanelAsync();
    fireEvent.change(screen.getByRole('combobox', { name: 'Place into' }), { target: { value: 'selected-layer' } });
    const target = { id: '2:1', name: 'Hero', width: 400, height: 300, imageFill: true };
    bridge.deliver('selection', {
      version: 2,
      layers: [layer('1:1', 'model'), layer('1:2', 'cloth')],
      skipped: [],
      placeInto: 'selected-layer',
      target,
      targetProblem: null,
      targetChoices: [target],
    });
    for (const [index, id] of ['1:1', '1:2'].entries()) {
      bridge.deliver('reference-image', {
        version: 2,
        id,
        bytes: new Uint8Array([0xff, 0xd8, index]),
        mime: 'image/jpeg',
      });
    }
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(bridge.postsOf('reserve')).toEqual([]);
    expect(document.getElementById('closing-note')?.textContent).toBe(closingText('stops'));
  });
});

describe('runs an earlier session started', () => {
  it('are fetched with the saved task and placed into their placeholders, and the panel says so', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    bridge.deliver('resume', { runs: [run()], interrupted: 0, expired: 0 });
    await settleAsync();
    expect(runway.resumes.map((resume) => resume.job)).toEqual([{ id: 'task-1', seed: 42, model: 'gen4_image', ratio: '1920:1080' }]);
    expect(runway.resumes[0]?.options.apiKey).toBe('key_test');
    expect(screen.getByText('Finishing 1 image started before the plugin closed…')).toBeTruthy();
    runway.resumes[0]?.resolve({ ok: true, image: { bytes: PNG_BYTES, creditsLeft: null, seed: '42', cost: 8 } });
    await settleAsync();
    expect(bridge.postsOf('place')).toMatchObject([
      {
        target: { kind: 'placeholder', nodeId: '7:1' },
        prompt: '@model on a pier',
        ratio: '1920:1080',
        provider: 'runway',
        model: 'gen4_image',
        seed: '42',
      },
    ]);
    await waitFor(() => expect(screen.getByText('Finished 1 image started before the plugin closed.')).toBeTruthy());
  });

  it('release the placeholder of a task that ended without an image, and say why', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    bridge.deliver('resume', { runs: [run()], interrupted: 0, expired: 0 });
    await settleAsync();
    runway.resumes[0]?.resolve({ ok: false, failure: { kind: 'gone', message: 'Runway no longer has this task.' } });
    await settleAsync();
    expect(bridge.postsOf('ended').map((ended) => ended.placeholderId)).toEqual(['7:1']);
    await waitFor(() =>
      expect(
        screen.getByText(
          "Runway couldn't finish 1 image started before the plugin closed: Runway no longer has this task. Its placeholder was removed.",
        ),
      ).toBeTruthy(),
    );
  });

  it('stay pending when the relay can’t be reached now, and say the plugin tries again', async () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge, RELAY);
    bridge.deliver('resume', { runs: [run()], interrupted: 0, expired: 0 });
    await settleAsync();
    runway.resumes[0]?.resolve({ ok: false, failure: { kind: 'unreachable', message: 'The relay could not be reached.' } });
    await settleAsync();
    // Counted as ended for this session's landing, its placeholder kept for the next open.
    expect(bridge.postsOf('ended').map((ended) => ended.placeholderId)).toEqual([null]);
    await waitFor(() =>
      expect(
        screen.getByText(/couldn't be fetched now: The relay could not be reached\. The plugin tries again when you open it next\.$/),
      ).toBeTruthy(),
    );
  });

  it('say how many runs could not outlive the plugin, as the sandbox counted them', () => {
    const { bridge, runway } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('resume', { runs: [], interrupted: 1, expired: 0 });
    expect(
      screen.getByText('1 image was interrupted when the plugin closed: select its placeholder and click Iterate to generate again.'),
    ).toBeTruthy();
    expect(runway.resumes).toEqual([]);
  });
});
