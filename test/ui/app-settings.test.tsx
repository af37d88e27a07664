// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAVED_NOTICE_MS } from '../../ui/state/use-settings';
import {
  advancedSettings,
  closeSettings,
  init,
  initWithKey,
  mainView,
  openAdvanced,
  openSettings,
  renderPanel,
  settingsIsOpen,
  TEST_KEY,
} from './fakes';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const TOKEN = 'relay-test-token-5e1f';

function settingsRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Settings' });
}

function keyField(): HTMLInputElement {
  return screen.getByLabelText('API key');
}

/** The one help line under the key field. */
function keyHelp(): string {
  return document.getElementById('api-key-help')?.textContent ?? '';
}

function providerSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Provider' });
}

function relayUrlField(): HTMLInputElement {
  return screen.getByLabelText('Relay URL');
}

function relayTokenField(): HTMLInputElement {
  return screen.getByLabelText('Relay token');
}

/** The main view's title: the model and the provider. */
function panelTitle(): string {
  return within(mainView()).getByRole('heading', { level: 1, hidden: true }).textContent ?? '';
}

function blockers(): string[] {
  const list = screen.queryByRole('list', { name: 'Before you can generate' });
  return [...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

describe('first run', () => {
  it('opens the settings when no key is stored', () => {
    const { bridge } = renderPanel();
    init(bridge);
    expect(settingsIsOpen()).toBe(true);
    expect(settingsRegion().hidden).toBe(false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    // The main view, and its Settings button, are out of reach while Settings is shown.
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
    expect(document.activeElement).toBe(keyField());
    expect(providerSelect().value).toBe('segmind');
    expect(keyField().type).toBe('password');
    expect(screen.getByRole('link', { name: 'https://cloud.segmind.com/console/api-keys' }).getAttribute('href')).toBe(
      'https://cloud.segmind.com/console/api-keys',
    );
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('keeps the settings closed when a key is stored, and never shows the key', () => {
    const { bridge, container } = renderPanel();
    initWithKey(bridge);
    expect(settingsIsOpen()).toBe(false);
    expect(document.activeElement).not.toBe(keyField());
    openSettings();
    expect(settingsIsOpen()).toBe(true);
    expect(keyField().value).toBe('');
    expect(screen.getByText(/^A key is saved on this computer\. /)).toBeTruthy();
    // Nothing under Advanced needs attention: it stays closed.
    expect(advancedSettings().open).toBe(false);
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
  });

  it('keeps the settings closed when a relay is set and no key is stored', () => {
    const { bridge } = renderPanel();
    init(bridge, { relayUrl: 'http://127.0.0.1:8787' });
    expect(settingsIsOpen()).toBe(false);
    openSettings();
    // A relay is set: Advanced, where it is, is open.
    expect(advancedSettings().open).toBe(true);
    expect(relayUrlField().value).toBe('http://127.0.0.1:8787');
  });

  it('opens the settings for Runway without a relay, even with a Runway key', () => {
    const { bridge } = renderPanel();
    init(bridge, { provider: 'runway', apiKeys: { segmind: null, runway: 'key_test_runway' } });
    expect(settingsIsOpen()).toBe(true);
    expect(document.activeElement).toBe(keyField());
    // Runway needs a relay: Advanced, where it is set, is open.
    expect(advancedSettings().open).toBe(true);
    expect(providerSelect().value).toBe('runway');
  });
});

describe('the key field', () => {
  it('shows and hides what is typed', () => {
    const { bridge } = renderPanel();
    init(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(keyField().type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(keyField().type).toBe('password');
  });

  it('saves the trimmed key, then clears the field and confirms without showing it', () => {
    const { bridge, container } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: `  ${TEST_KEY}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-settings')).toEqual([
      { type: 'save-settings', id: 1, patch: { apiKey: { provider: 'segmind', key: TEST_KEY } } },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Saving…');

    bridge.answerSaves();
    expect(bridge.stored.apiKeys.segmind).toBe(TEST_KEY);
    // The key makes Segmind usable: back to the main view, which confirms it.
    expect(settingsIsOpen()).toBe(false);
    expect(within(mainView()).getByRole('status').textContent).toBe('Key saved.');
    expect(screen.queryByText('Save your Segmind API key in Settings.')).toBeNull();
    expect(blockers()).not.toContain('Save your Segmind API key in Settings.');
    expect(container.innerHTML).not.toContain(TEST_KEY);
    openSettings();
    expect(keyField().value).toBe('');
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
  });

  it('says "Key saved." in the main view for a few seconds only', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { bridge } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: TEST_KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    bridge.answerSaves();
    expect(settingsIsOpen()).toBe(false);
    act(() => {
      vi.advanceTimersByTime(SAVED_NOTICE_MS - 1);
    });
    expect(within(mainView()).getByRole('status').textContent).toBe('Key saved.');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(within(mainView()).queryByRole('status')).toBeNull();
    expect(screen.queryByText('Key saved.')).toBeNull();
  });

  it('saves on Enter in the field', () => {
    const { bridge } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: TEST_KEY } });
    fireEvent.keyDown(keyField(), { key: 'Enter' });
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ apiKey: { provider: 'segmind', key: TEST_KEY } }]);
  });

  it('asks for a key instead of saving an empty one', () => {
    const { bridge } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-settings')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Paste your API key into the field first.');
  });

  it('refuses a key with a space inside at once, without quoting it, and keeps what was typed', () => {
    const { bridge, container } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: 'sk-test-bad key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-settings')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('An API key has no spaces or line breaks.');
    expect(keyField().value).toBe('sk-test-bad key');
    expect(container.textContent).not.toContain('sk-test-bad');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('shows why storing failed, keeps what was typed, and goes back to what is stored', () => {
    const { bridge } = renderPanel();
    init(bridge);
    fireEvent.input(keyField(), { target: { value: TEST_KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    // Shown at once, as if stored…
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    bridge.answerSaves("Couldn't save the Segmind API key on this computer: Quota exceeded");
    // …until the sandbox says it wasn't.
    expect(screen.getByRole('alert').textContent).toBe("Couldn't save the Segmind API key on this computer: Quota exceeded");
    expect(keyField().value).toBe(TEST_KEY);
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
    // No key was stored: Settings stays open, and the main view still asks for one.
    expect(settingsIsOpen()).toBe(true);
    closeSettings();
    expect(blockers()).toContain('Save your Segmind API key in Settings.');
  });

  it('removes the stored key', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ apiKey: { provider: 'segmind', key: null } }]);
    bridge.answerSaves();
    expect(screen.getByRole('status').textContent).toBe('Key removed.');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
    expect(settingsIsOpen()).toBe(true);
    closeSettings();
    expect(blockers()).toContain('Save your Segmind API key in Settings.');
  });
});

describe('the provider', () => {
  it('offers Segmind and Runway, and switching is saved', () => {
    const { bridge, choices } = renderPanel();
    initWithKey(bridge);
    expect(panelTitle()).toBe('Gen-4 Image · Segmind');
    openSettings();
    openAdvanced();
    expect([...providerSelect().options].map((o) => [o.value, o.textContent])).toEqual([
      ['segmind', 'Segmind'],
      ['runway', 'Runway'],
    ]);
    fireEvent.change(providerSelect(), { target: { value: 'runway' } });
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ provider: 'runway' }]);
    expect(choices.at(-1)).toEqual({ provider: 'runway', relayUrl: null, relayToken: null });
    expect(panelTitle()).toBe('Gen-4 Image · Runway');
    closeSettings();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gen-4 Image · Runway');
  });

  it('keeps one key per provider: the field, its link and Save key follow the chosen provider', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    openSettings();
    openAdvanced();
    fireEvent.change(providerSelect(), { target: { value: 'runway' } });
    expect(keyField().placeholder).toBe('Paste your Runway API key');
    expect(screen.getByRole('link', { name: 'https://dev.runwayml.com/' })).toBeTruthy();
    // No Runway key yet: the help only says where to get one.
    expect(keyHelp()).toBe('Get one at https://dev.runwayml.com/; it stays on this computer, never in the file.');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();

    fireEvent.input(keyField(), { target: { value: 'key_test_0123abcd' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ apiKey: { provider: 'runway', key: 'key_test_0123abcd' } });
    bridge.answerSaves();
    expect(bridge.stored.apiKeys).toEqual({ segmind: TEST_KEY, runway: 'key_test_0123abcd' });

    // Runway still needs a relay: Settings stays open after its key is saved.
    expect(settingsIsOpen()).toBe(true);
    expect(keyHelp()).toBe(
      'A key is saved on this computer. Get one at https://dev.runwayml.com/; it stays on this computer, never in the file.',
    );

    fireEvent.change(providerSelect(), { target: { value: 'segmind' } });
    expect(keyField().placeholder).toBe('A key is saved — paste another to replace it');
    expect(keyHelp()).toBe(
      'A key is saved on this computer. Get one at https://cloud.segmind.com/console/api-keys; it stays on this computer, never in the file.',
    );
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
  });
});

describe('the relay', () => {
  it('saves the URL (tidied) and the token, never shows the token, and builds the provider through it', () => {
    const { bridge, container, choices } = renderPanel();
    init(bridge);
    openAdvanced();
    fireEvent.input(relayUrlField(), { target: { value: 'HTTP://LocalHost:8787/' } });
    fireEvent.input(relayTokenField(), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Save relay' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ relayUrl: 'HTTP://LocalHost:8787/', relayToken: TOKEN }]);
    expect(within(settingsRegion()).getByRole('status').textContent).toBe('Saving…');
    bridge.answerSaves();
    expect(bridge.stored).toMatchObject({ relayUrl: 'http://localhost:8787', relayToken: TOKEN });
    // The relay makes Segmind usable: back to the main view, which confirms it.
    expect(settingsIsOpen()).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('Relay saved.');
    // The relay may hold the key: none is asked for any more.
    expect(blockers()).not.toContain('Save your Segmind API key in Settings.');
    openSettings();
    expect(advancedSettings().open).toBe(true);
    expect(relayUrlField().value).toBe('http://localhost:8787');
    expect(relayTokenField().value).toBe('');
    expect(relayTokenField().placeholder).toBe('A token is saved — paste another to replace it');
    expect(screen.getByText(/Requests go through http:\/\/localhost:8787\./)).toBeTruthy();
    expect(container.innerHTML).not.toContain(TOKEN);
    expect(choices.at(-1)).toEqual({ provider: 'segmind', relayUrl: 'http://localhost:8787', relayToken: TOKEN });
  });

  it('keeps the saved token when only the URL is changed', () => {
    const { bridge } = renderPanel();
    init(bridge, { relayUrl: 'http://127.0.0.1:8787', relayToken: TOKEN });
    openSettings();
    fireEvent.input(relayUrlField(), { target: { value: 'https://relay.example.com' } });
    fireEvent.keyDown(relayUrlField(), { key: 'Enter' });
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ relayUrl: 'https://relay.example.com' }]);
    bridge.answerSaves();
    expect(bridge.stored).toMatchObject({ relayUrl: 'https://relay.example.com', relayToken: TOKEN });
  });

  it.each([
    [
      'plain http to another computer',
      'http://relay.example.com',
      'Use https:// for a relay on another computer: http is unencrypted (fine for localhost and 127.0.0.1).',
    ],
    [
      'a URL with a password',
      'https://team:hunter2-secret@relay.example.com',
      'The relay URL holds no user name or password: the token goes in Relay token.',
    ],
    ['not a URL', 'relay.example.com', 'The relay URL starts with https://, like https://relay.example.com.'],
  ])('refuses %s at once, keeps what was typed and does not quote it', (_, url, message) => {
    const { bridge, container } = renderPanel();
    init(bridge);
    openAdvanced();
    fireEvent.input(relayUrlField(), { target: { value: url } });
    fireEvent.input(relayTokenField(), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Save relay' }));
    expect(bridge.postsOf('save-settings')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe(message);
    expect(relayUrlField().value).toBe(url);
    expect(relayTokenField().value).toBe(TOKEN);
    expect(container.textContent).not.toContain('hunter2');
  });

  it('removes the relay and its token', () => {
    const { bridge, choices } = renderPanel();
    initWithKey(bridge, { relayUrl: 'http://127.0.0.1:8787', relayToken: TOKEN });
    openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Remove relay' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ relayUrl: null, relayToken: null }]);
    bridge.answerSaves();
    expect(screen.getByRole('status').textContent).toBe('Relay removed.');
    expect(relayUrlField().value).toBe('');
    expect(screen.queryByRole('button', { name: 'Remove relay' })).toBeNull();
    expect(choices.at(-1)).toEqual({ provider: 'segmind', relayUrl: null, relayToken: null });
  });

  it('explains, under Advanced, where requests go and how to start a relay', () => {
    renderPanel();
    const help = document.getElementById('relay-help');
    expect(help?.textContent).toBe(
      "No relay: requests go straight to the provider. Runway needs one (it refuses browser calls): run npm run relay in the plugin's folder and paste the URL it prints, or use your team's.",
    );
    expect(relayUrlField().getAttribute('aria-describedby')).toBe('relay-help');
    expect(help?.closest('details')).toBe(advancedSettings());
  });
});

describe('saves made outside Settings', () => {
  it('opens Settings to say a change could not be stored, and shows what is stored', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const ratio = screen.getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement;
    fireEvent.change(ratio, { target: { value: '960:960' } });
    expect(ratio.value).toBe('960:960');
    expect(settingsIsOpen()).toBe(false);
    bridge.answerSaves("Couldn't save the settings on this computer: Client storage is unavailable");
    expect(settingsIsOpen()).toBe(true);
    expect(within(settingsRegion()).getByRole('alert').textContent).toBe(
      "Couldn't save the settings on this computer: Client storage is unavailable",
    );
    expect(ratio.value).toBe('1280:720');
  });

  it('lets only the answer to the latest save replace what the panel shows', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const ratio = screen.getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement;
    fireEvent.change(ratio, { target: { value: '960:960' } });
    fireEvent.change(ratio, { target: { value: '1584:672' } });
    const [first] = bridge.postsOf('save-settings');
    // The sandbox has stored the first change only: the panel keeps showing the second.
    bridge.deliver('settings-stored', {
      id: first!.id,
      settings: { ...bridge.stored, ratios: { 'runway-gen4-image': '960:960' } },
      error: null,
    });
    expect(ratio.value).toBe('1584:672');
    bridge.answerSaves();
    expect(ratio.value).toBe('1584:672');
    expect(bridge.stored.ratios).toEqual({ 'runway-gen4-image': '1584:672' });
  });
});
