// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel, TEST_KEY } from './fakes';

afterEach(cleanup);

function settingsToggle(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Settings' });
}

function keyField(): HTMLInputElement {
  return screen.getByLabelText('API key');
}

describe('first run', () => {
  it('opens the settings when no key is stored', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('region', { name: 'Settings' }).hidden).toBe(false);
    expect(keyField().type).toBe('password');
    expect(screen.getByRole('link', { name: 'https://cloud.segmind.com/console/api-keys' }).getAttribute('href')).toBe(
      'https://cloud.segmind.com/console/api-keys',
    );
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('keeps the settings closed when a key is stored, and never shows the key', () => {
    const { bridge, container } = renderPanel();
    bridge.deliver('init', { apiKey: TEST_KEY, ratio: null });
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(settingsToggle());
    expect(settingsToggle().getAttribute('aria-expanded')).toBe('true');
    expect(keyField().value).toBe('');
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
  });
});

describe('the key field', () => {
  it('shows and hides what is typed', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(keyField().type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(keyField().type).toBe('password');
  });

  it('saves the trimmed key, then clears the field and confirms without showing it', () => {
    const { bridge, container } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    fireEvent.input(keyField(), { target: { value: `  ${TEST_KEY}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-key')).toEqual([{ type: 'save-key', apiKey: TEST_KEY }]);
    expect(screen.getByRole('status').textContent).toBe('Saving…');

    bridge.deliver('key-stored', { apiKey: TEST_KEY, error: null });
    expect(keyField().value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Key saved.');
    expect(screen.getByRole('button', { name: 'Remove key' })).toBeTruthy();
    expect(container.innerHTML).not.toContain(TEST_KEY);
    expect(screen.queryByText('Save your Segmind API key in Settings.')).toBeNull();
  });

  it('saves on Enter in the field', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    fireEvent.input(keyField(), { target: { value: TEST_KEY } });
    fireEvent.keyDown(keyField(), { key: 'Enter' });
    expect(bridge.postsOf('save-key')).toEqual([{ type: 'save-key', apiKey: TEST_KEY }]);
  });

  it('asks for a key instead of saving an empty one', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    fireEvent.input(keyField(), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(bridge.postsOf('save-key')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Paste your API key into the field first.');
  });

  it('shows why storing failed and keeps what was typed', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: null, ratio: null });
    fireEvent.input(keyField(), { target: { value: 'sk-test-bad key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    bridge.deliver('key-stored', { apiKey: null, error: 'An API key has no spaces or line breaks inside: check what was pasted.' });
    expect(screen.getByRole('alert').textContent).toBe('An API key has no spaces or line breaks inside: check what was pasted.');
    expect(keyField().value).toBe('sk-test-bad key');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
  });

  it('removes the stored key', () => {
    const { bridge } = renderPanel();
    bridge.deliver('init', { apiKey: TEST_KEY, ratio: null });
    fireEvent.click(settingsToggle());
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(bridge.postsOf('remove-key')).toEqual([{ type: 'remove-key' }]);
    bridge.deliver('key-stored', { apiKey: null, error: null });
    expect(screen.getByRole('status').textContent).toBe('Key removed.');
    expect(screen.queryByRole('button', { name: 'Remove key' })).toBeNull();
    expect(screen.getByText('Save your Segmind API key in Settings.')).toBeTruthy();
  });
});
