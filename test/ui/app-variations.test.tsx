// @vitest-environment happy-dom
// Variations and the cost guard in the panel: several images per run started together, each with its own status,
// seeds counted up from a fixed one, Cancel for all, Place again for one; the estimate and the question asked
// before a run over the limit.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SEED } from '../../core/settings';
import type { Settings } from '../../core/settings';
import type { GenerationOutcome } from '../../ui/providers/provider';
import {
  advancedSettings,
  creditsLine,
  FakeProvider,
  generateButton,
  getByWholeText,
  init,
  initWithKey,
  layer,
  openSettings,
  PNG_BYTES,
  promptField,
  renderPanel,
  select,
  settingsIsOpen,
  settleAsync,
  type Panel,
} from './fakes';

afterEach(cleanup);

const RUNWAY: Partial<Settings> = { provider: 'runway', relayUrl: 'http://127.0.0.1:8787', relayToken: null };
const RATE_LIMITED = { kind: 'rate-limited' as const, message: 'Too many requests: Segmind allows more after 2025-01-01 12:01:00 UTC.' };

async function readyPanel(overrides: Partial<Settings> = {}, runway = false): Promise<Panel> {
  const panel = renderPanel();
  if (runway) init(panel.bridge, { ...RUNWAY, ...overrides });
  else initWithKey(panel.bridge, overrides);
  select(panel.bridge, 1, [layer('1:1', 'Beach walk')]);
  fireEvent.input(promptField(), { target: { value: '@Beach_walk at sunset' } });
  await waitFor(() => expect(generateButton().disabled).toBe(false));
  return panel;
}

function variationsField(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Variations' });
}

/** Each variation's line in the list, as its text. */
function lines(): string[] {
  return within(screen.getByRole('list', { name: 'Variations' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
}

/** Answers the provider call `index` (in the order they were started). */
async function answerAsync(provider: FakeProvider, index: number, outcome: GenerationOutcome): Promise<void> {
  const call = provider.calls[index];
  if (!call) throw new Error(`no call ${index}`);
  call.resolve(outcome);
  await settleAsync();
}

function image(seed: string | null, extra: { cost?: number | null; creditsLeft?: number | null } = {}): GenerationOutcome {
  return {
    ok: true,
    image: { bytes: new Uint8Array([...PNG_BYTES, Number(seed ?? 0) % 256]), seed, cost: null, creditsLeft: null, ...extra },
  };
}

describe('the Variations control', () => {
  it('starts from the stored count and saves a change', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge, { variations: 2 });
    expect(variationsField().value).toBe('2');
    expect([...variationsField().options].map((option) => option.value)).toEqual(['1', '2', '3', '4']);
    fireEvent.change(variationsField(), { target: { value: '4' } });
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ variations: 4 });
    expect(variationsField().value).toBe('4');
  });
});

describe('a run of three variations', () => {
  it('starts three requests together; a 429 for one fails only that one, the others are placed as they arrive', async () => {
    const { bridge, provider } = await readyPanel({ variations: 3 });
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(3);
    expect(new Set(provider.calls.map((call) => JSON.stringify(call.request))).size).toBe(1);
    expect(provider.calls[0]?.request).not.toHaveProperty('seed');
    expect(lines()).toEqual(['1 Generating…', '2 Generating…', '3 Generating…']);
    expect(getByWholeText('Generating… 0 of 3 done 0 s')).toBeTruthy();

    await answerAsync(provider, 1, { ok: false, failure: RATE_LIMITED });
    expect(lines()).toEqual(['1 Generating…', `2 …${RATE_LIMITED.message}`, '3 Generating…']);
    const failed = within(screen.getByRole('list', { name: 'Variations' })).getAllByRole('listitem')[1];
    expect(failed?.getAttribute('data-kind')).toBe('rate-limited');
    expect(failed?.classList.contains('is-warning')).toBe(true);

    await answerAsync(provider, 2, image('22'));
    expect(bridge.postsOf('place').map((place) => [place.requestId, place.batch])).toEqual([[1, { batchId: 1, index: 2, count: 3 }]]);
    bridge.deliver('placed', { requestId: 1, nodeId: '9:3', name: 'Beach walk at sunset · seed 22' });
    expect(lines()[2]).toBe('3 ✓Placed “Beach walk at sunset · seed 22”');
    expect(generateButton().disabled).toBe(true);

    await answerAsync(provider, 0, image('20'));
    const places = bridge.postsOf('place');
    expect(places.map((place) => [place.requestId, place.batch, place.seed])).toEqual([
      [1, { batchId: 1, index: 2, count: 3 }, '22'],
      [2, { batchId: 1, index: 0, count: 3 }, '20'],
    ]);
    expect(places[1]?.bytes).not.toEqual(places[0]?.bytes);
    bridge.deliver('placed', { requestId: 2, nodeId: '9:1', name: 'Beach walk at sunset · seed 20' });
    expect(lines()).toEqual([
      '1 ✓Placed “Beach walk at sunset · seed 20”',
      `2 …${RATE_LIMITED.message}`,
      '3 ✓Placed “Beach walk at sunset · seed 22”',
    ]);
    expect(getByWholeText('Placed 2 of 3 variations')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Variations' }).getAttribute('aria-live')).toBe('polite');
    expect(generateButton().disabled).toBe(false);
    expect(promptField().value).toBe('@Beach_walk at sunset');
  });

  it('Cancel cancels every variation still running and keeps the one already made', async () => {
    const { bridge, provider } = await readyPanel({ variations: 3 });
    fireEvent.click(generateButton());
    await answerAsync(provider, 0, image('5'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settleAsync();
    expect(provider.calls.map((call) => call.options.signal?.aborted)).toEqual([true, true, true]);
    expect(lines()).toEqual(['1 Placing…', '2 ×Generation cancelled: nothing was placed.', '3 ×Generation cancelled: nothing was placed.']);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    bridge.deliver('placed', { requestId: 1, nodeId: '9:1', name: 'Beach walk' });
    expect(lines()[0]).toBe('1 ✓Placed “Beach walk”');
    expect(generateButton().disabled).toBe(false);
  });

  it('keeps a variation whose placement failed and places only it again, in the same run', async () => {
    const { bridge, provider } = await readyPanel({ variations: 2 });
    fireEvent.click(generateButton());
    await answerAsync(provider, 0, image('1'));
    await answerAsync(provider, 1, image('2'));
    bridge.deliver('placed', { requestId: 1, nodeId: '9:1', name: 'first' });
    bridge.deliver('place-failed', { requestId: 2, message: "Couldn't place the image: Image is too large" });
    expect(lines()[1]).toBe("2 !Couldn't place the image: Image is too large Place again");
    expect(screen.getByText("Images that couldn't be placed are kept: nothing is lost.")).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Place variation 2 again' }));
    await settleAsync();
    const places = bridge.postsOf('place');
    expect(places).toHaveLength(3);
    expect({ ...places[2], requestId: 2 }).toEqual(places[1]);
    expect(places[2]?.requestId).toBe(3);
    expect(provider.calls).toHaveLength(2);
    bridge.deliver('placed', { requestId: 3, nodeId: '9:2', name: 'second' });
    expect(lines()).toEqual(['1 ✓Placed “first”', '2 ✓Placed “second”']);
  });

  it('shows the run’s total cost and the last credits left reported', async () => {
    const { runway } = await readyPanel({ variations: 3, models: { runway: 'gen4_image_turbo' } }, true);
    fireEvent.click(generateButton());
    await answerAsync(runway, 0, image('1', { cost: 2, creditsLeft: 96 }));
    await answerAsync(runway, 2, image('3', { cost: 2, creditsLeft: 94 }));
    await answerAsync(runway, 1, image('2', { cost: 2, creditsLeft: null }));
    expect(creditsLine()).toContain('The last 3 images cost 6 credits.');
    expect(creditsLine()).toContain('Credits left: 94');
  });
});

describe('seeds', () => {
  const seedsOf = (panel: Panel) => panel.runway.calls.map((call) => call.request.seed);

  it('count up from a fixed seed, one per variation', async () => {
    const panel = await readyPanel({ variations: 4, seed: 1234, models: { runway: 'gen4_image_turbo' } }, true);
    expect(document.getElementById('seed-help')?.textContent).toBe(
      'Variations use this seed and the next numbers: the same row comes out again.',
    );
    expect(screen.getByLabelText('Seed').getAttribute('aria-describedby')).toBe('seed-help');
    fireEvent.click(generateButton());
    expect(seedsOf(panel)).toEqual([1234, 1235, 1236, 1237]);
  });

  it('wrap past the largest seed', async () => {
    const panel = await readyPanel({ variations: 3, seed: MAX_SEED - 1, models: { runway: 'gen4_image_turbo' } }, true);
    fireEvent.click(generateButton());
    expect(seedsOf(panel)).toEqual([MAX_SEED - 1, MAX_SEED, 0]);
  });

  it('are left to the provider when none is fixed, and the first variation’s seed is offered to fix', async () => {
    const panel = await readyPanel({ variations: 2, models: { runway: 'gen4_image_turbo' } }, true);
    fireEvent.click(generateButton());
    expect(panel.runway.calls.map((call) => 'seed' in call.request)).toEqual([false, false]);
    await answerAsync(panel.runway, 1, image('777'));
    await answerAsync(panel.runway, 0, image('555'));
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe('555');
  });
});

describe('the cost guard', () => {
  function question(): HTMLElement | null {
    return screen.queryByText(/Generate anyway\?$/);
  }

  it('asks before 4 × 1080p on gen4_image (32 credits over the default 20), keeping everything entered', async () => {
    const { runway } = await readyPanel({ variations: 4 }, true);
    expect(getByWholeText('About 32 credits for 4 generations')).toBeTruthy();
    fireEvent.click(generateButton());
    expect(runway.calls).toHaveLength(0);
    expect(question()?.textContent).toBe('This run costs about 32 credits, over your limit of 20. Generate anyway?');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(question()).toBeNull();
    expect(runway.calls).toHaveLength(0);
    expect(promptField().value).toBe('@Beach_walk at sunset');

    fireEvent.keyDown(promptField(), { key: 'Enter', ctrlKey: true });
    expect(question()).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Generate anyway' }));
    expect(runway.calls).toHaveLength(4);
    expect(question()).toBeNull();
  });

  it('does not ask for 4 × 720p, nor for 4 turbo images, at the default limit', async () => {
    const { runway } = await readyPanel({ variations: 4, ratios: { gen4_image: '1280:720' } }, true);
    expect(getByWholeText('About 20 credits for 4 generations')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'gen4_image_turbo' } });
    expect(getByWholeText('About 8 credits for 4 generations')).toBeTruthy();
    fireEvent.click(generateButton());
    expect(question()).toBeNull();
    expect(runway.calls).toHaveLength(4);
  });

  it("asks above the designer's own limit, and stops asking once the run fits it", async () => {
    const { runway } = await readyPanel({ variations: 2, costLimit: 10 }, true);
    fireEvent.click(generateButton());
    expect(question()?.textContent).toBe('This run costs about 16 credits, over your limit of 10. Generate anyway?');
    fireEvent.change(variationsField(), { target: { value: '1' } });
    expect(question()).toBeNull();
    fireEvent.click(generateButton());
    expect(runway.calls).toHaveLength(1);
  });

  it('never asks while Segmind’s price is unknown, and uses the price its answer reported after that', async () => {
    const { bridge, provider } = await readyPanel({ variations: 4, costLimit: 1 });
    expect(getByWholeText('4 generations, price unknown until the first run')).toBeTruthy();
    fireEvent.click(generateButton());
    expect(question()).toBeNull();
    expect(provider.calls).toHaveLength(4);
    for (const index of [0, 1, 2, 3]) await answerAsync(provider, index, image(null, { cost: 0.5, creditsLeft: 98 - index / 2 }));
    bridge
      .postsOf('place')
      .forEach((place) => bridge.deliver('placed', { requestId: place.requestId, nodeId: `9:${place.requestId}`, name: 'x' }));
    expect(creditsLine()).toEqual(['About 2 credits for 4 generations', 'The last 4 images cost 2 credits.', 'Credits left: 96.5']);

    fireEvent.click(generateButton());
    expect(question()?.textContent).toBe('This run costs about 2 credits, over your limit of 1. Generate anyway?');
    expect(provider.calls).toHaveLength(4);
    // A ratio not run yet is estimated at the model's last price, not "price unknown" again.
    fireEvent.change(screen.getByRole('combobox', { name: 'Aspect ratio' }), { target: { value: '960:960' } });
    expect(document.body.textContent).toContain('About 2 credits for 4 generations');
    expect(document.body.textContent).not.toContain('price unknown');
  });

  it('keeps the last price reported for the whole session: an eighth run, at any ratio, still shows it', async () => {
    const { bridge, provider } = await readyPanel({ variations: 1 });
    const ratios = ['1280:720', '1920:1080', '720:1280', '1080:1920', '960:960', '1104:832', '832:1104', '1584:672'];
    for (const [run, ratio] of ratios.entries()) {
      fireEvent.change(screen.getByRole('combobox', { name: 'Aspect ratio' }), { target: { value: ratio } });
      expect(document.body.textContent).toContain(run === 0 ? 'price unknown' : 'About 0.5 credits');
      fireEvent.click(generateButton());
      // Only the first answer says what it cost: the later ones, without the header, leave the price as it was.
      await answerAsync(provider, run, image(String(run), { cost: run === 0 ? 0.5 : null }));
      const place = bridge.postsOf('place').at(-1);
      bridge.deliver('placed', { requestId: place?.requestId ?? -1, nodeId: `9:${run}`, name: 'x' });
      await waitFor(() => expect(generateButton().disabled).toBe(false));
    }
    expect(provider.calls).toHaveLength(8);
    expect(document.body.textContent).toContain('About 0.5 credits');
    expect(document.body.textContent).not.toContain('price unknown');
  });
});

describe('the cost limit in Settings', () => {
  function limitField(): HTMLInputElement {
    return screen.getByLabelText('Ask before runs over') as HTMLInputElement;
  }

  it('saves a number, empties back to the default, and explains what is not a number', () => {
    const { bridge } = renderPanel();
    init(bridge, RUNWAY);
    // A relay is set: the panel starts in the main view, and the limit is under Settings' Advanced, open for Runway.
    expect(settingsIsOpen()).toBe(false);
    openSettings();
    expect(advancedSettings().open).toBe(true);
    expect(advancedSettings().contains(limitField())).toBe(true);
    expect(limitField().value).toBe('');
    expect(limitField().placeholder).toBe('20');
    expect(screen.getByText(/^Empty: more than 4 generations’ worth \(20 credits for this model\)/)).toBeTruthy();

    fireEvent.input(limitField(), { target: { value: '12.5' } });
    fireEvent.change(limitField());
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ costLimit: 12.5 });
    bridge.answerSaves();
    expect(screen.getByText('Cost limit saved.')).toBeTruthy();
    expect(limitField().value).toBe('12.5');

    fireEvent.input(limitField(), { target: { value: '  ' } });
    fireEvent.change(limitField());
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ costLimit: null });

    const saves = bridge.postsOf('save-settings').length;
    fireEvent.input(limitField(), { target: { value: 'lots' } });
    fireEvent.change(limitField());
    expect(screen.getByText('“lots” is not a number of credits: type one like 20, or leave it empty.')).toBeTruthy();
    fireEvent.input(limitField(), { target: { value: '0' } });
    fireEvent.change(limitField());
    expect(screen.getByText('A cost limit is a number of credits above 0 and at most 100000.')).toBeTruthy();
    expect(bridge.postsOf('save-settings')).toHaveLength(saves);
    expect(limitField().value).toBe('0');
  });
});
