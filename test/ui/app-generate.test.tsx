// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FailureKind } from '../../ui/providers/provider';
import {
  closeSettings,
  creditsLine,
  exportedBytes,
  generateButton,
  getByWholeText,
  initWithKey,
  layer,
  PNG_BYTES,
  promptField,
  renderPanel,
  select,
  settingsIsOpen,
  settingsView,
  settleAsync,
  TEST_KEY,
  placeholderId,
  uriOf,
  type Panel,
} from './fakes';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const PROMPT = '@Beach_walk with @Dog at sunset';

/** A panel with a key, two prepared references and a prompt: Generate is enabled. */
async function readyPanel(layers = [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]): Promise<Panel> {
  const panel = renderPanel();
  initWithKey(panel.bridge);
  select(panel.bridge, 1, layers);
  fireEvent.input(promptField(), { target: { value: PROMPT } });
  await waitFor(() => expect(generateButton().disabled).toBe(false));
  return panel;
}

function blockers(): string[] {
  const list = screen.queryByRole('list', { name: 'Before you can generate' });
  return [...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

function tagValue(name: string): string {
  return (screen.getByRole('textbox', { name: `Tag for ${name}` }) as HTMLInputElement).value;
}

describe('when Generate is enabled', () => {
  it('lists what is missing until everything is in place', async () => {
    const { bridge } = renderPanel();
    expect(generateButton().disabled).toBe(true);
    expect(blockers()).toEqual([
      'Save your Segmind API key in Settings.',
      'Write a prompt.',
      'Select at least one layer on the canvas to use as a reference.',
    ]);
    initWithKey(bridge);
    fireEvent.input(promptField(), { target: { value: PROMPT } });
    select(bridge, 1, [layer('1:1', 'Beach walk')], false);
    expect(blockers()).toEqual(['Waiting for 1 reference to finish exporting.']);
    expect(generateButton().disabled).toBe(true);
    select(bridge, 2, [layer('1:1', 'Beach walk')]);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    expect(blockers()).toEqual([]);
  });

  it('does nothing on Ctrl+Enter while blocked', () => {
    const { provider } = renderPanel();
    fireEvent.keyDown(promptField(), { key: 'Enter', ctrlKey: true });
    expect(provider.calls).toHaveLength(0);
  });
});

describe('a successful generation', () => {
  it('sends the exact request, places the image and reports credits', async () => {
    const { bridge, provider, images } = await readyPanel();
    fireEvent.click(generateButton());

    expect(provider.calls).toHaveLength(1);
    const [call] = provider.calls;
    expect(call?.request).toEqual({
      model: 'runway-gen4-image',
      prompt: PROMPT,
      ratio: '1280:720',
      references: [
        { uri: uriOf(exportedBytes(0)), tag: 'Beach_walk' },
        { uri: uriOf(exportedBytes(1)), tag: 'Dog' },
      ],
    });
    expect(call?.options.apiKey).toBe(TEST_KEY);
    expect(call?.options.signal?.aborted).toBe(false);
    expect(getByWholeText('Generating… 0 s')).toBeTruthy();
    expect(generateButton().disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();

    await provider.succeedAsync({ creditsLeft: 41.5 });
    expect(images.figmaCalls).toEqual([PNG_BYTES]);
    expect(bridge.postsOf('place')).toEqual([
      {
        type: 'place',
        requestId: 1,
        bytes: PNG_BYTES,
        prompt: PROMPT,
        ratio: '1280:720',
        provider: 'segmind',
        model: 'runway-gen4-image',
        references: [
          { tag: 'Beach_walk', layerId: '1:1', layerName: 'Beach walk' },
          { tag: 'Dog', layerId: '1:2', layerName: 'Dog' },
        ],
        seed: null,
        target: { kind: 'placeholder', nodeId: placeholderId(1, 0) },
        batch: { batchId: 1, index: 0, count: 1 },
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Placing…');
    expect(creditsLine()).toContain('Credits left: 41.5');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    bridge.deliver('placed', { requestId: 1, nodeId: '9:9', name: 'Beach walk with Dog at sunset' });
    expect(screen.getByRole('status').textContent).toBe('✓Placed “Beach walk with Dog at sunset”');
    expect(generateButton().disabled).toBe(false);
  });

  it('says the credits are unknown when the provider did not say', async () => {
    const { provider } = await readyPanel();
    fireEvent.click(generateButton());
    await provider.succeedAsync({ creditsLeft: null });
    expect(creditsLine()).toContain('Credits left: unknown');
  });

  it('places the bytes made placeable for Figma, not the raw answer', async () => {
    const { bridge, provider, images } = await readyPanel();
    const converted = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]);
    images.figmaAnswers.push({ ok: true, bytes: converted, width: 1280, height: 720, transcoded: true });
    fireEvent.click(generateButton());
    await provider.succeedAsync({ bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46]) });
    expect(bridge.postsOf('place')[0]?.bytes).toBe(converted);
  });

  it('uses the selection, prompt and ratio of the moment of the click, while the form stays editable', async () => {
    const layers = ['One', 'Two', 'Three', 'Four'].map((name, i) => layer(`1:${i}`, `Layer ${name}`));
    const panel = renderPanel();
    const { bridge, provider } = panel;
    initWithKey(bridge);
    select(bridge, 1, layers);
    fireEvent.change(screen.getByRole('combobox', { name: 'Aspect ratio' }), { target: { value: '1080:1920' } });
    fireEvent.input(promptField(), { target: { value: '@Layer_One beside @Layer_Two and @Layer_Three' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());

    fireEvent.input(promptField(), { target: { value: 'changed while running' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Aspect ratio' }), { target: { value: '960:960' } });
    expect(promptField().value).toBe('changed while running');

    const request = provider.calls[0]?.request;
    expect(request?.ratio).toBe('1080:1920');
    expect(request?.references.map((r) => r.tag)).toEqual(['Layer_One', 'Layer_Two', 'Layer_Three']);
    await provider.succeedAsync();
    const place = bridge.postsOf('place')[0];
    expect(place?.prompt).toBe('@Layer_One beside @Layer_Two and @Layer_Three');
    expect(place?.ratio).toBe('1080:1920');
    expect(place?.references.map((r) => r.layerId)).toEqual(['1:0', '1:1', '1:2']);
  });

  it('sends only the references that could be prepared', async () => {
    const panel = renderPanel();
    panel.images.unpreparable.add(1);
    initWithKey(panel.bridge);
    select(panel.bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    fireEvent.input(promptField(), { target: { value: '@Dog' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(panel.provider.calls[0]?.request.references).toEqual([{ uri: uriOf(exportedBytes(1)), tag: 'Dog' }]);
  });

  it('ignores an answer for another placement', async () => {
    const { bridge, provider } = await readyPanel();
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    bridge.deliver('placed', { requestId: 99, nodeId: '9:9', name: 'Someone else' });
    expect(screen.getByRole('status').textContent).toBe('Placing…');
  });
});

describe('the keyboard shortcut', () => {
  it.each([
    ['Ctrl+Enter', { ctrlKey: true }],
    ['Cmd+Enter', { metaKey: true }],
  ])('%s generates from the prompt field', async (_, modifiers) => {
    const { provider } = await readyPanel();
    fireEvent.keyDown(promptField(), { key: 'Enter', ...modifiers });
    expect(provider.calls).toHaveLength(1);
  });

  it('works from anywhere in the panel', async () => {
    const { provider } = await readyPanel();
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Aspect ratio' }), { key: 'Enter', ctrlKey: true });
    expect(provider.calls).toHaveLength(1);
  });

  it('leaves a plain Enter to the prompt', async () => {
    const { provider } = await readyPanel();
    fireEvent.keyDown(promptField(), { key: 'Enter' });
    expect(provider.calls).toHaveLength(0);
  });

  it('never starts a second generation while one runs', async () => {
    const { provider } = await readyPanel();
    fireEvent.click(generateButton());
    fireEvent.click(generateButton());
    fireEvent.keyDown(promptField(), { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(promptField(), { key: 'Enter', metaKey: true });
    expect(provider.calls).toHaveLength(1);
  });
});

describe('while running', () => {
  it('counts the elapsed seconds', async () => {
    const { provider } = await readyPanel();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    fireEvent.click(generateButton());
    expect(getByWholeText('Generating… 0 s')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(getByWholeText('Generating… 1 s')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(11_000);
    });
    expect(getByWholeText('Generating… 12 s')).toBeTruthy();
    vi.useRealTimers();
    await provider.succeedAsync();
    expect(screen.queryByText(/Generating…/)).toBeNull();
  });

  it('cancels through the abort signal and keeps everything entered', async () => {
    const { provider } = await readyPanel();
    fireEvent.click(generateButton());
    const signal = provider.calls[0]?.options.signal;
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settleAsync();
    expect(signal?.aborted).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('×Generation cancelled: nothing was placed.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(promptField().value).toBe(PROMPT);
    expect(tagValue('Beach walk')).toBe('Beach_walk');
    expect(generateButton().disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});

describe('failures', () => {
  const FAILURES: [FailureKind, string][] = [
    ['credits', 'Not enough Segmind credits for this generation: top up at cloud.segmind.com.'],
    ['rate-limited', 'Too many requests: Segmind allows more after 2025-01-01 12:00:00 UTC.'],
    ['bad-request', 'Segmind refused the request: ratio must be one of the listed values.'],
    ['server', 'Segmind failed (HTTP 500): internal error. Try again in a moment.'],
    ['unreachable', 'The request could not reach Segmind from the plugin (blocked by CORS or offline). A relay will help.'],
    ['timeout', 'Segmind did not answer within 3 minutes, so the request was given up.'],
    ['not-image', 'Segmind answered with something that is not an image.'],
  ];

  it.each(FAILURES)('shows a %s failure as an alert and keeps the prompt and tags', async (kind, message) => {
    const { provider, bridge } = await readyPanel();
    fireEvent.click(generateButton());
    await provider.failAsync({ kind, message });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(message);
    expect(alert.getAttribute('data-kind')).toBe(kind);
    expect(alert.classList.contains(kind === 'rate-limited' || kind === 'timeout' ? 'is-warning' : 'is-danger')).toBe(true);
    expect(promptField().value).toBe(PROMPT);
    expect(tagValue('Beach walk')).toBe('Beach_walk');
    expect(tagValue('Dog')).toBe('Dog');
    expect(bridge.postsOf('place')).toEqual([]);
    expect(generateButton().disabled).toBe(false);
    expect(settingsIsOpen()).toBe(false);
  });

  it('opens the settings on a key problem', async () => {
    const { provider } = await readyPanel();
    fireEvent.click(generateButton());
    await provider.failAsync({ kind: 'auth', message: 'Segmind refused the API key (401): check it in Settings.' });
    // Settings is shown in place of the panel, with the focus in the key field.
    expect(settingsIsOpen()).toBe(true);
    expect(screen.getByRole('region', { name: 'Settings' }).hidden).toBe(false);
    expect(document.activeElement).toBe(screen.getByLabelText('API key'));
    // It says there why it opened.
    expect(within(settingsView()).getByRole('alert').textContent).toBe('Segmind refused the API key (401): check it in Settings.');
    // Back in the panel, the failure says why, and nothing typed is lost.
    closeSettings();
    expect(screen.getByRole('alert').textContent).toContain('Segmind refused the API key (401): check it in Settings.');
    expect(promptField().value).toBe(PROMPT);
  });
});

describe('placement failures', () => {
  it('keeps the image and places the same bytes again', async () => {
    const { bridge, provider } = await readyPanel();
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    bridge.deliver('place-failed', { requestId: 1, message: "Couldn't place the image: Image is too large" });
    expect(screen.getByRole('alert').textContent).toContain("Couldn't place the image: Image is too large");
    expect(promptField().value).toBe(PROMPT);

    fireEvent.click(screen.getByRole('button', { name: 'Place again' }));
    await settleAsync();
    const places = bridge.postsOf('place');
    expect(places).toHaveLength(2);
    expect(places[1]?.requestId).toBe(2);
    expect(places[1]?.bytes).toEqual(places[0]?.bytes);
    expect({ ...places[1], requestId: 1 }).toEqual(places[0]);
    expect(provider.calls).toHaveLength(1);

    // The failed request's late answer no longer counts; the new one does.
    bridge.deliver('placed', { requestId: 1, nodeId: '1:99', name: 'stale' });
    expect(screen.getByRole('status').textContent).toBe('Placing…');
    bridge.deliver('placed', { requestId: 2, nodeId: '1:99', name: 'Beach walk with Dog at sunset' });
    expect(screen.getByRole('status').textContent).toBe('✓Placed “Beach walk with Dog at sunset”');
  });

  it('keeps the image when it cannot be made placeable, and tries again', async () => {
    const { bridge, provider, images } = await readyPanel();
    images.figmaAnswers.push({ ok: false, message: 'the image from the provider is damaged (truncated)' });
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    expect(bridge.postsOf('place')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toContain("Couldn't place the image: the image from the provider is damaged (truncated)");
    fireEvent.click(screen.getByRole('button', { name: 'Place again' }));
    await settleAsync();
    expect(images.figmaCalls).toEqual([PNG_BYTES, PNG_BYTES]);
    expect(bridge.postsOf('place').map((p) => [p.requestId, p.bytes])).toEqual([[1, PNG_BYTES]]);
  });
});
