// @vitest-environment happy-dom
// Prompt help: typing "@" lists the reference tags that fit; the keyboard or the mouse picks one.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { generateButton, initWithKey, layer, promptField, renderPanel, select, type Panel } from './fakes';

afterEach(cleanup);

/** A panel with the references "model" and "cloth". */
function panelWithTags(): Panel {
  const panel = renderPanel();
  select(panel.bridge, 1, [layer('1:1', 'model'), layer('1:2', 'cloth')]);
  return panel;
}

/** Types `value` into the focused prompt with the caret at its end, as a designer would. */
function type(value: string): void {
  const field = promptField();
  field.focus();
  fireEvent.input(field, { target: { value } });
}

function listbox(): HTMLElement | null {
  return screen.queryByRole('listbox', { name: 'Reference tags' });
}

/** The tag list's options (the ratio select has options of its own). */
function options(): HTMLElement[] {
  const list = listbox();
  return list ? within(list).getAllByRole('option') : [];
}

function optionNames(): string[] {
  return options().map((option) => option.textContent ?? '');
}

function key(name: string, modifiers: { ctrlKey?: boolean; metaKey?: boolean } = {}): void {
  fireEvent.keyDown(promptField(), { key: name, ...modifiers });
}

describe('the tag list', () => {
  it('holds back the unknown-tag warning while the mention is still being picked, and gives it once finished', () => {
    panelWithTags();
    const warnings = (): string[] => Array.from(document.querySelectorAll('#prompt-warnings li'), (item) => item.textContent ?? '');
    type('@model wearing @cl');
    expect(optionNames()).toEqual(['@cloth']);
    expect(warnings()).toEqual(['The prompt does not mention @cloth.']);
    type('@model wearing @clx');
    expect(listbox()).toBeNull();
    expect(warnings()).toEqual(['@clx is not the tag of any reference.', 'The prompt does not mention @cloth.']);
  });

  it('lists the tags starting with what follows "@", ignoring case, and links them to the prompt', () => {
    panelWithTags();
    type('A photo of @M');
    expect(optionNames()).toEqual(['@model']);
    const field = promptField();
    expect(field.getAttribute('aria-expanded')).toBe('true');
    expect(field.getAttribute('aria-controls')).toBe(listbox()?.id);
    const [model] = options();
    expect(field.getAttribute('aria-activedescendant')).toBe(model?.id);
    expect(model?.getAttribute('aria-selected')).toBe('true');
  });

  it('lists every tag after a bare "@" and none that does not fit', () => {
    panelWithTags();
    type('@');
    expect(optionNames()).toEqual(['@model', '@cloth']);
    type('@x');
    expect(listbox()).toBeNull();
    expect(promptField().getAttribute('aria-expanded')).toBe('false');
    expect(promptField().hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('shows no list for an "@" inside a word', () => {
    panelWithTags();
    type('a@b');
    expect(listbox()).toBeNull();
    type('mail me@c');
    expect(listbox()).toBeNull();
  });

  it('closes when the prompt loses focus', () => {
    panelWithTags();
    type('@m');
    expect(listbox()).not.toBeNull();
    fireEvent.blur(promptField());
    expect(listbox()).toBeNull();
  });
});

describe('picking with the keyboard', () => {
  it('ArrowDown and Enter insert the next tag and put the caret after it', () => {
    panelWithTags();
    type('A @');
    key('ArrowDown');
    const listed = options();
    expect(listed.map((option) => option.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(promptField().getAttribute('aria-activedescendant')).toBe(listed[1]?.id);
    key('Enter');
    expect(promptField().value).toBe('A @cloth ');
    expect(promptField().selectionStart).toBe(9);
    expect(listbox()).toBeNull();
  });

  it('ArrowUp wraps to the last tag; Tab picks it', () => {
    panelWithTags();
    type('@');
    key('ArrowUp');
    key('Tab');
    expect(promptField().value).toBe('@cloth ');
  });

  it('replaces only the partial mention, in the middle of the text', () => {
    panelWithTags();
    type('@cl on a beach');
    promptField().setSelectionRange(3, 3);
    fireEvent.keyUp(promptField(), { key: 'ArrowLeft' });
    expect(optionNames()).toEqual(['@cloth']);
    key('Enter');
    expect(promptField().value).toBe('@cloth on a beach');
    expect(promptField().selectionStart).toBe(7);
  });

  it('Escape closes the list, and Enter then goes to the prompt', () => {
    panelWithTags();
    type('@m');
    const escape = fireEvent.keyDown(promptField(), { key: 'Escape' });
    expect(escape).toBe(false);
    expect(listbox()).toBeNull();
    // Not cancelled: the textarea adds its newline.
    expect(fireEvent.keyDown(promptField(), { key: 'Enter' })).toBe(true);
    expect(promptField().value).toBe('@m');
    type('@mo');
    expect(optionNames()).toEqual(['@model']);
  });

  it('leaves Enter alone when no list is open', () => {
    panelWithTags();
    type('a model');
    expect(fireEvent.keyDown(promptField(), { key: 'Enter' })).toBe(true);
    expect(fireEvent.keyDown(promptField(), { key: 'ArrowDown' })).toBe(true);
  });

  it('Ctrl+Enter still works while the list is open: the half-typed @m names no reference, so it asks first', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'model'), layer('1:2', 'cloth')]);
    type('@model wearing @cloth, @m');
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    expect(listbox()).not.toBeNull();
    key('Enter', { ctrlKey: true });
    expect(provider.calls).toHaveLength(0);
    expect(screen.getByText('The prompt names @m, which no reference has. Generate anyway?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Generate anyway' }));
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.request.prompt).toBe('@model wearing @cloth, @m');
  });
});

describe('picking with the mouse', () => {
  it('a click inserts the tag, and pressing on an option keeps the focus in the prompt', () => {
    panelWithTags();
    type('Wear @');
    const cloth = within(listbox()!).getByRole('option', { name: '@cloth' });
    expect(fireEvent.mouseDown(cloth)).toBe(false);
    fireEvent.click(cloth);
    expect(promptField().value).toBe('Wear @cloth ');
    expect(document.activeElement).toBe(promptField());
    expect(promptField().selectionStart).toBe(12);
    expect(listbox()).toBeNull();
  });

  it('follows the caret when a tag chip inserts a tag', () => {
    panelWithTags();
    type('@m');
    expect(optionNames()).toEqual(['@model']);
    fireEvent.click(screen.getByRole('button', { name: '@cloth (not in the prompt)' }));
    expect(promptField().value).toBe('@m @cloth ');
    expect(listbox()).toBeNull();
  });
});
