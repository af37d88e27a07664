// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { generateButton, initWithKey, layer, promptField, renderPanel, select } from './fakes';

afterEach(cleanup);

function type(value: string): void {
  fireEvent.input(promptField(), { target: { value } });
}

function counter(): HTMLElement {
  return screen.getByText(/^\d+ \/ 1000$/);
}

function warnings(): string[] {
  return [...(document.getElementById('prompt-warnings')?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

describe('the prompt field', () => {
  it('is multi-line and counts UTF-16 units against 1000', () => {
    renderPanel();
    expect(promptField().tagName).toBe('TEXTAREA');
    expect(counter().textContent).toBe('0 / 1000');
    type('a\nb 🙂');
    expect(counter().textContent).toBe('6 / 1000');
    expect(counter().classList.contains('is-over')).toBe(false);
  });

  it('blocks an empty prompt with the reason', () => {
    renderPanel();
    expect(screen.getByText('Write a prompt.')).toBeTruthy();
    type('   \n ');
    expect(screen.getByText('Write a prompt.')).toBeTruthy();
  });

  it('blocks an over-long prompt, says by how much, and marks the counter', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'Dog')]);
    type('x'.repeat(1003));
    expect(counter().textContent).toBe('1003 / 1000');
    expect(counter().classList.contains('is-over')).toBe(true);
    expect(promptField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The prompt is 3 characters over the 1000-character limit.')).toBeTruthy();
    expect(generateButton().disabled).toBe(true);
  });
});

describe('mentions', () => {
  it('warns about unknown tags and unmentioned references without blocking', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    type('@Dog and @Cat on the sand');
    expect(warnings()).toEqual(['@Cat is not the tag of any reference.', 'The prompt does not mention @Beach_walk.']);
    // Nothing blocks Generate: no list of what is missing, and its shortcut is offered on the button.
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Before you can generate' })).toBeNull());
    expect(generateButton().title).toMatch(/generates from anywhere/);
    expect(generateButton().disabled).toBe(false);
  });

  it('shows no warnings while the prompt is empty', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Dog')]);
    expect(warnings()).toEqual([]);
  });

  it('marks the tags the prompt mentions and inserts a tag at the caret', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    type('@dog running');
    const dog = screen.getByRole('button', { name: '@Dog (in the prompt)' });
    expect(dog.classList.contains('is-on')).toBe(true);
    const beach = screen.getByRole('button', { name: '@Beach_walk (not in the prompt)' });
    promptField().setSelectionRange(4, 4);
    fireEvent.click(beach);
    expect(promptField().value).toBe('@dog @Beach_walk running');
    expect(promptField().selectionStart).toBe(16);
    expect(screen.getByRole('button', { name: '@Beach_walk (in the prompt)' })).toBeTruthy();
  });

  it('offers no chip for an invalid tag', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Tag for Dog' }), { target: { value: 'D' } });
    expect(screen.queryByRole('button', { name: /^@D / })).toBeNull();
    expect(screen.getByRole('button', { name: /^@Beach_walk/ })).toBeTruthy();
  });
});
