// @vitest-environment happy-dom
// The panel following the chosen provider and model: Runway through a relay, its two models, ratios per model,
// the seed, credits before and after a run, progress, and relay errors — with Runway's real model descriptions.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../core/settings';
import { RELAY_ERROR_HEADER } from '../../core/relay-contract';
import { relayFailure } from '../../ui/providers/relay-errors';
import {
  advancedSettings,
  closeSettings,
  creditsLine,
  generateButton,
  getByWholeText,
  init,
  initWithKey,
  layer,
  openSettings,
  promptField,
  renderPanel,
  select,
  settingsIsOpen,
  settingsView,
  type Panel,
  chooseProvider,
} from './fakes';

afterEach(cleanup);

const RELAY = 'http://127.0.0.1:8787';
const TOKEN = 'relay-test-token-9a2b';
const RUNWAY_VIA_RELAY: Partial<Settings> = { provider: 'runway', relayUrl: RELAY, relayToken: TOKEN };
const NEEDS_RELAY = 'Runway is reached through a relay: start one with `npm run relay` and paste its URL in Settings.';

function blockers(): string[] {
  const list = screen.queryByRole('list', { name: 'Before you can generate' });
  return [...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

function ratioSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Aspect ratio' });
}

function modelSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Model' });
}

function seedField(): HTMLInputElement {
  return screen.getByLabelText('Seed');
}

function fixedSeed(): HTMLInputElement {
  return screen.getByRole('checkbox', { name: 'Fixed seed' });
}

/** Picks the provider under Settings' Advanced, opening Settings first, then goes back to the panel. */
function seedHelp(): string | null {
  return document.getElementById('seed-help')?.textContent ?? null;
}

function tagValue(name: string): string {
  return (screen.getByRole('textbox', { name: `Tag for ${name}` }) as HTMLInputElement).value;
}

/** A panel set to Runway through the relay, with one prepared reference and a prompt: Generate is enabled. */
async function runwayPanel(overrides: Partial<Settings> = {}): Promise<Panel> {
  const panel = renderPanel();
  init(panel.bridge, { ...RUNWAY_VIA_RELAY, ...overrides });
  select(panel.bridge, 1, [layer('1:1', 'Sofa')]);
  fireEvent.input(promptField(), { target: { value: '@Sofa in a sunny loft' } });
  await waitFor(() => expect(generateButton().disabled).toBe(false));
  return panel;
}

describe('Runway without a relay', () => {
  it('blocks Generate and says how to get a relay, even with a key', () => {
    const { bridge } = renderPanel();
    init(bridge, { provider: 'runway', apiKeys: { segmind: null, runway: 'key_test_abc123' } });
    // Settings opens by itself, with the relay's fields under Advanced open.
    expect(settingsIsOpen()).toBe(true);
    expect(advancedSettings().open).toBe(true);
    closeSettings();
    fireEvent.input(promptField(), { target: { value: 'a red chair' } });
    expect(blockers()).toEqual([NEEDS_RELAY]);
    expect(generateButton().disabled).toBe(true);
  });
});

describe('Runway through a relay', () => {
  it('needs no key, and sends the request to the Runway provider with the relay choice', async () => {
    const { runway, provider, choices } = await runwayPanel();
    expect(choices.at(-1)).toEqual({ provider: 'runway', relayUrl: RELAY, relayToken: TOKEN });
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(0);
    expect(runway.calls).toHaveLength(1);
    expect(runway.calls[0]?.request).toMatchObject({ model: 'gen4_image', ratio: '1920:1080', prompt: '@Sofa in a sunny loft' });
    expect(runway.calls[0]?.request).not.toHaveProperty('seed');
    expect(runway.calls[0]?.options.apiKey).toBe('');
  });

  it('sends the Runway key when one is saved', async () => {
    const { runway } = await runwayPanel({ apiKeys: { segmind: 'sk-test-segmind', runway: 'key_test_runway' } });
    fireEvent.click(generateButton());
    expect(runway.calls[0]?.options.apiKey).toBe('key_test_runway');
  });

  it("lists Runway's sixteen ratios, starting from the model's default", () => {
    const { bridge } = renderPanel();
    init(bridge, RUNWAY_VIA_RELAY);
    expect(ratioSelect().options).toHaveLength(16);
    expect(ratioSelect().value).toBe('1920:1080');
    expect(screen.getByText('New layer: 1920 × 1080 px')).toBeTruthy();
  });

  it('places the image with the provider and model that made it', async () => {
    const { bridge, runway } = await runwayPanel({ models: { runway: 'gen4_image_turbo' } });
    fireEvent.click(generateButton());
    await runway.succeedAsync({ seed: '77', cost: 2, creditsLeft: null });
    expect(bridge.postsOf('place')[0]).toMatchObject({ provider: 'runway', model: 'gen4_image_turbo', ratio: '1920:1080' });
  });
});

describe('the model', () => {
  it('is offered only when the provider has more than one', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    expect(screen.queryByRole('combobox', { name: 'Model' })).toBeNull();
    chooseProvider('runway');
    expect([...modelSelect().options].map((o) => [o.value, o.textContent])).toEqual([
      ['gen4_image', 'Gen-4 Image — 0–3 references'],
      ['gen4_image_turbo', 'Gen-4 Image Turbo — 1–3 references'],
    ]);
    expect(modelSelect().value).toBe('gen4_image');
  });

  it('Turbo needs a reference where Gen-4 Image works from the prompt alone; the choice is saved', () => {
    const { bridge } = renderPanel();
    init(bridge, RUNWAY_VIA_RELAY);
    fireEvent.input(promptField(), { target: { value: 'a red chair in a white room' } });
    expect(blockers()).toEqual([]);
    fireEvent.change(modelSelect(), { target: { value: 'gen4_image_turbo' } });
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ model: { provider: 'runway', model: 'gen4_image_turbo' } }]);
    expect(blockers()).toEqual(['Select at least one layer on the canvas to use as a reference.']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gen-4 Image Turbo · Runway');
  });

  it('remembers the ratio per model', () => {
    const { bridge } = renderPanel();
    init(bridge, RUNWAY_VIA_RELAY);
    fireEvent.change(ratioSelect(), { target: { value: '720:720' } });
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ ratio: { model: 'gen4_image', ratio: '720:720' } });
    fireEvent.change(modelSelect(), { target: { value: 'gen4_image_turbo' } });
    expect(ratioSelect().value).toBe('1920:1080');
    fireEvent.change(modelSelect(), { target: { value: 'gen4_image' } });
    expect(ratioSelect().value).toBe('720:720');
  });

  it('starts from the stored model and its stored ratio', () => {
    const { bridge } = renderPanel();
    init(bridge, { ...RUNWAY_VIA_RELAY, models: { runway: 'gen4_image_turbo' }, ratios: { gen4_image_turbo: '1080:1440' } });
    expect(modelSelect().value).toBe('gen4_image_turbo');
    expect(ratioSelect().value).toBe('1080:1440');
  });

  it('switching back to Segmind brings back its ratios and its remembered one', () => {
    const { bridge } = renderPanel();
    init(bridge, { ...RUNWAY_VIA_RELAY, ratios: { 'runway-gen4-image': '832:1104' } });
    chooseProvider('segmind');
    expect(ratioSelect().options).toHaveLength(8);
    expect(ratioSelect().value).toBe('832:1104');
    expect(screen.queryByRole('combobox', { name: 'Model' })).toBeNull();
  });
});

describe('credits', () => {
  it('estimates the cost before a run from the model and ratio', () => {
    const { bridge } = renderPanel();
    init(bridge, RUNWAY_VIA_RELAY);
    expect(getByWholeText('About 8 credits')).toBeTruthy();
    fireEvent.change(ratioSelect(), { target: { value: '1280:720' } });
    expect(getByWholeText('About 5 credits')).toBeTruthy();
    fireEvent.change(modelSelect(), { target: { value: 'gen4_image_turbo' } });
    expect(getByWholeText('About 2 credits')).toBeTruthy();
  });

  it('shows no estimate for a provider that publishes no price, and says so', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    expect(screen.queryByText(/^About /)).toBeNull();
    expect(getByWholeText('1 generation, price unknown until the first run')).toBeTruthy();
  });

  it('shows what the image cost after the run', async () => {
    const { runway } = await runwayPanel();
    fireEvent.click(generateButton());
    await runway.succeedAsync({ cost: 8, creditsLeft: 492, seed: '5' });
    expect(creditsLine()).toContain('The last image cost 8 credits.');
    expect(creditsLine()).toContain('Credits left: 492');
  });

  it('says nothing of the cost when the provider did not say it', async () => {
    const { runway } = await runwayPanel();
    fireEvent.click(generateButton());
    await runway.succeedAsync({ cost: null, creditsLeft: null, seed: '5' });
    expect(creditsLine().some((part) => part.startsWith('The last image cost'))).toBe(false);
    expect(screen.queryByText(/The last image cost/)).toBeNull();
    expect(creditsLine()).toContain('Credits left: unknown');
  });
});

describe('the seed', () => {
  it('is not offered for a model without one', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    expect(screen.queryByLabelText('Seed')).toBeNull();
  });

  it('is random by default, shown after each run, and can then be fixed', async () => {
    const { bridge, runway } = await runwayPanel();
    expect(fixedSeed().checked).toBe(false);
    // A random seed needs no word: no help under the field.
    expect(seedHelp()).toBeNull();
    expect(seedField().hasAttribute('aria-describedby')).toBe(false);
    fireEvent.click(generateButton());
    expect(runway.calls[0]?.request).not.toHaveProperty('seed');
    await runway.succeedAsync({ seed: '1234567' });
    expect(seedHelp()).toBe('Last image: seed 1234567.');
    expect(seedField().getAttribute('aria-describedby')).toBe('seed-help');
    expect(seedField().value).toBe('1234567');

    fireEvent.click(fixedSeed());
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ seed: 1234567 });
    expect(seedHelp()).toBe('The same prompt and references make the same image. Last image: seed 1234567.');
    bridge.deliver('placed', { requestId: 1, nodeId: '9:1', name: 'Sofa' });
    fireEvent.click(generateButton());
    expect(runway.calls[1]?.request.seed).toBe(1234567);
  });

  it('is fixed by typing one, and random again when unticked', async () => {
    const { bridge, runway } = await runwayPanel();
    fireEvent.input(seedField(), { target: { value: '42' } });
    expect(fixedSeed().checked).toBe(true);
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ seed: 42 });
    fireEvent.click(fixedSeed());
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ seed: null });
    fireEvent.click(generateButton());
    expect(runway.calls[0]?.request).not.toHaveProperty('seed');
  });

  it('starts from a stored fixed seed', async () => {
    const { runway } = await runwayPanel({ seed: 99 });
    expect(fixedSeed().checked).toBe(true);
    expect(seedField().value).toBe('99');
    fireEvent.click(generateButton());
    expect(runway.calls[0]?.request.seed).toBe(99);
  });

  it.each([
    ['past the largest', '2147483648', 'A seed is a whole number from 0 to 2147483647.'],
    ['negative', '-1', 'A seed is a whole number from 0 to 2147483647.'],
    ['a fraction', '1.5', 'A seed is a whole number from 0 to 2147483647.'],
    ['empty', '', 'Enter a seed: a whole number from 0 to 2147483647.'],
  ])('a fixed seed %s blocks Generate, says why and is not saved', async (_, typed, message) => {
    const { bridge } = await runwayPanel({ seed: 7 });
    fireEvent.input(seedField(), { target: { value: typed } });
    expect(blockers()).toEqual([message]);
    expect(generateButton().disabled).toBe(true);
    expect(seedField().getAttribute('aria-invalid')).toBe('true');
    expect(bridge.postsOf('save-settings')).toEqual([]);
  });
});

describe('progress', () => {
  it('says queued, the share done and downloading, next to the seconds', async () => {
    const { runway } = await runwayPanel();
    fireEvent.click(generateButton());
    expect(getByWholeText('Generating… 0 s')).toBeTruthy();
    runway.progress({ phase: 'queued' });
    expect(getByWholeText('Queued… 0 s')).toBeTruthy();
    runway.progress({ phase: 'running', fraction: 0.4 });
    expect(getByWholeText('Generating… 40 % 0 s')).toBeTruthy();
    runway.progress({ phase: 'downloading' });
    expect(getByWholeText('Downloading… 0 s')).toBeTruthy();
    await runway.succeedAsync({ seed: '3' });
    expect(screen.getByRole('status').textContent).toBe('Placing…');
  });

  it('ignores progress reported after the run ended', async () => {
    const { runway } = await runwayPanel();
    fireEvent.click(generateButton());
    await runway.failAsync({ kind: 'server', message: 'Runway failed.' });
    runway.progress({ phase: 'queued' });
    expect(screen.getByRole('alert').textContent).toContain('Runway failed.');
    expect(screen.queryByText(/Queued…/)).toBeNull();
  });
});

describe('relay errors', () => {
  const relayAnswer = (code: string) => relayFailure(new Headers({ [RELAY_ERROR_HEADER]: code }))!;

  it('a wrong relay token: the relay’s message, Settings opened, nothing typed lost', async () => {
    const { runway } = await runwayPanel();
    fireEvent.input(seedField(), { target: { value: '31337' } });
    // Typed in Settings without saving, then back to the panel.
    openSettings();
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'key_test_draft' } });
    fireEvent.input(screen.getByLabelText('Relay token'), { target: { value: 'relay-token-draft' } });
    closeSettings();
    fireEvent.click(generateButton());
    await runway.failAsync(relayAnswer('token'));
    // Settings is shown in place of the panel, with the relay's fields under Advanced open.
    expect(settingsIsOpen()).toBe(true);
    expect(advancedSettings().open).toBe(true);
    expect(settingsView().contains(screen.getByRole('textbox', { name: 'Relay URL' }))).toBe(true);
    // Back in the panel, the failure says the relay's message.
    closeSettings();
    expect(screen.getByRole('alert').textContent).toContain('The relay refused the request: its token is missing or wrong.');
    expect(promptField().value).toBe('@Sofa in a sunny loft');
    expect(tagValue('Sofa')).toBe('Sofa');
    expect(seedField().value).toBe('31337');
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('key_test_draft');
    expect((screen.getByLabelText('Relay token') as HTMLInputElement).value).toBe('relay-token-draft');
    expect((screen.getByLabelText('Relay URL') as HTMLInputElement).value).toBe(RELAY);
    expect(generateButton().disabled).toBe(false);
  });

  it.each(['too-large', 'path', 'upstream'])('the relay’s %s refusal is shown as it says', async (code) => {
    const { runway } = await runwayPanel();
    fireEvent.click(generateButton());
    const failure = relayAnswer(code);
    await runway.failAsync(failure);
    expect(screen.getByRole('alert').textContent).toContain(failure.message);
    expect(screen.getByRole('alert').getAttribute('data-kind')).toBe(failure.kind);
  });
});

describe('Segmind through a relay', () => {
  it('needs no key: Generate is enabled and the request goes without one', async () => {
    const panel = renderPanel();
    init(panel.bridge, { relayUrl: RELAY });
    select(panel.bridge, 1, [layer('1:1', 'Sofa')]);
    fireEvent.input(promptField(), { target: { value: '@Sofa in a loft' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(panel.choices.at(-1)).toEqual({ provider: 'segmind', relayUrl: RELAY, relayToken: null });
    expect(panel.provider.calls[0]?.options.apiKey).toBe('');
  });
});
