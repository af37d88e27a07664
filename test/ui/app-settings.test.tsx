// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { init, initWithKey, renderPanel, TEST_KEY } from './fakes';

afterEach(cleanup);

const TOKEN = 'relay-test-token-5e1f';

function settingsToggle(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Settings' });
}

function settingsRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Settings' });
}

function keyField(): HTMLInputElement {
  return screen.getByLabelText('API key');
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

function blockers(): string[] {
  const list = screen.queryByRole('list', { name: 'Before you can generate' });
  return [...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

describe('first run', () => {
  it('opens the settings when no key is stored', () => {
    const { bridge } = renderPanel();
    init(bridge);
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
    expect(settingsRegion().hidden).toBe(false);
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
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(settingsToggle());
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
    expect(keyField().value).toBe('');
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
  });

  it('keeps the settings closed when a relay is set and no key is stored', () => {
    const { bridge } = renderPanel();
    init(bridge, { relayUrl: 'http://127.0.0.1:8787' });
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('false');
    expect(relayUrlField().value).toBe('http://127.0.0.1:8787');
  });

  it('opens the settings for Runway without a relay, even with a Runway key', () => {
    const { bridge } = renderPanel();
    init(bridge, { provider: 'runway', apiKeys: { segmind: null, runway: 'key_test_runway' } });
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
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
    expect(keyField().value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Key saved.');
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
    expect(screen.queryByText('Save your Segmind API key in Settings.')).toBeNull();
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
    expect(blockers()).toContain('Save your Segmind API key in Settings.');
  });

  it('removes the stored key', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    fireEvent.click(settingsToggle());
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ apiKey: { provider: 'segmind', key: null } }]);
    bridge.answerSaves();
    expect(screen.getByRole('status').textContent).toBe('Key removed.');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
    expect(screen.getByText('Save your Segmind API key in Settings.')).toBeTruthy();
  });
});

describe('the provider', () => {
  it('offers Segmind and Runway, and switching is saved', () => {
    const { bridge, choices } = renderPanel();
    initWithKey(bridge);
    fireEvent.click(settingsToggle());
    expect([...providerSelect().options].map((o) => [o.value, o.textContent])).toEqual([
      ['segmind', 'Segmind'],
      ['runway', 'Runway'],
    ]);
    fireEvent.change(providerSelect(), { target: { value: 'runway' } });
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ provider: 'runway' }]);
    expect(choices.at(-1)).toEqual({ provider: 'runway', relayUrl: null, relayToken: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gen-4 Image via Runway');
  });

  it('keeps one key per provider: the field, its link and Save key follow the chosen provider', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    fireEvent.click(settingsToggle());
    fireEvent.change(providerSelect(), { target: { value: 'runway' } });
    expect(keyField().placeholder).toBe('Paste your Runway API key');
    expect(screen.getByRole('link', { name: 'https://dev.runwayml.com/' })).toBeTruthy();
    expect(screen.getByText(/No Runway key saved yet\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();

    fireEvent.input(keyField(), { target: { value: 'key_test_0123abcd' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ apiKey: { provider: 'runway', key: 'key_test_0123abcd' } });
    bridge.answerSaves();
    expect(bridge.stored.apiKeys).toEqual({ segmind: TEST_KEY, runway: 'key_test_0123abcd' });

    fireEvent.change(providerSelect(), { target: { value: 'segmind' } });
    expect(screen.getByText(/A Segmind key is saved on this computer\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
  });
});

describe('the relay', () => {
  it('saves the URL (tidied) and the token, never shows the token, and builds the provider through it', () => {
    const { bridge, container, choices } = renderPanel();
    init(bridge);
    fireEvent.input(relayUrlField(), { target: { value: 'HTTP://LocalHost:8787/' } });
    fireEvent.input(relayTokenField(), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Save relay' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ relayUrl: 'HTTP://LocalHost:8787/', relayToken: TOKEN }]);
    expect(within(settingsRegion()).getByRole('status').textContent).toBe('Saving…');
    bridge.answerSaves();
    expect(bridge.stored).toMatchObject({ relayUrl: 'http://localhost:8787', relayToken: TOKEN });
    expect(screen.getByRole('status').textContent).toBe('Relay saved.');
    expect(relayUrlField().value).toBe('http://localhost:8787');
    expect(relayTokenField().value).toBe('');
    expect(relayTokenField().placeholder).toBe('A token is saved — paste another to replace it');
    expect(screen.getByText(/Requests go through http:\/\/localhost:8787\./)).toBeTruthy();
    expect(container.innerHTML).not.toContain(TOKEN);
    expect(choices.at(-1)).toEqual({ provider: 'segmind', relayUrl: 'http://localhost:8787', relayToken: TOKEN });
    // The relay may hold the key: none is asked for any more.
    expect(blockers()).not.toContain('Save your Segmind API key in Settings.');
  });

  it('keeps the saved token when only the URL is changed', () => {
    const { bridge } = renderPanel();
    init(bridge, { relayUrl: 'http://127.0.0.1:8787', relayToken: TOKEN });
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
    fireEvent.click(settingsToggle());
    fireEvent.click(screen.getByRole('button', { name: 'Remove relay' }));
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ relayUrl: null, relayToken: null }]);
    bridge.answerSaves();
    expect(screen.getByRole('status').textContent).toBe('Relay removed.');
    expect(relayUrlField().value).toBe('');
    expect(screen.queryByRole('button', { name: 'Remove relay' })).toBeNull();
    expect(choices.at(-1)).toEqual({ provider: 'segmind', relayUrl: null, relayToken: null });
  });

  it('explains what a relay is for and how to start one', () => {
    renderPanel();
    const help = screen.getByText(/A relay forwards the plugin's requests to the provider\./);
    expect(help.textContent).toContain('npm run relay');
    expect(help.textContent).toContain('Runway needs one');
    expect(screen.getByText(/With a relay that holds the team's key, none is needed here\./)).toBeTruthy();
  });
});

describe('saves made outside Settings', () => {
  it('opens Settings to say a change could not be stored, and shows what is stored', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const ratio = screen.getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement;
    fireEvent.change(ratio, { target: { value: '960:960' } });
    expect(ratio.value).toBe('960:960');
    bridge.answerSaves("Couldn't save the settings on this computer: Client storage is unavailable");
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
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
