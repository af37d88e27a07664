// @vitest-environment happy-dom
// The references a run sends are the ones the prompt names: with more cards than the model takes, a named @Mug is
// sent before an unnamed layer; a prompt naming a tag no sent reference has asks "Generate anyway?" before any
// credit is spent, and nothing typed or selected is lost either way.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { generateButton, initWithKey, layer, promptField, renderPanel, select } from './fakes';

afterEach(cleanup);

const LAYERS = [layer('1:1', 'model'), layer('1:2', 'cloth'), layer('1:3', 'room'), layer('1:4', 'Mug')];

function type(text: string): void {
  fireEvent.input(promptField(), { target: { value: text } });
}

function question(): HTMLElement | null {
  return screen.queryByText(/Generate anyway\?$/);
}

describe('more references than the model takes', () => {
  it('sends the one the prompt names before unnamed layers, and says on each card left out how to send it', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, LAYERS);
    type('a @Mug on a kitchen table, morning light');
    expect(screen.getByText('Not sent: the model takes 3 references. Mention @room in the prompt to send it.')).toBeTruthy();
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.request.references.map((reference) => reference.tag)).toEqual(['model', 'cloth', 'Mug']);
  });

  it('names the left-out reference in the question when the prompt names more than the model takes', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, LAYERS);
    type('@model with @cloth in @room holding @Mug');
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(0);
    expect(question()?.textContent).toBe('@Mug is not sent: the model takes 3 references and the prompt names more. Generate anyway?');
  });
});

describe('a tag no reference has', () => {
  it('asks before spending credits; Cancel sends nothing and keeps the prompt; Generate anyway sends it as typed', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, LAYERS.slice(0, 2));
    const prompt = '@model wearing @cloth with @Dog';
    type(prompt);
    expect(screen.getByText('@Dog is not the tag of any reference.')).toBeTruthy();
    await waitFor(() => expect(generateButton().disabled).toBe(false));

    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(0);
    expect(question()?.textContent).toBe('The prompt names @Dog, which no reference has. Generate anyway?');
    expect(question()?.closest('[role="alert"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(question()).toBeNull();
    expect(provider.calls).toHaveLength(0);
    expect(promptField().value).toBe(prompt);

    fireEvent.click(generateButton());
    fireEvent.click(screen.getByRole('button', { name: 'Generate anyway' }));
    expect(provider.calls).toHaveLength(1);
    expect(provider.calls[0]?.request.prompt).toBe(prompt);
  });

  it('stops asking once the prompt names only sent references', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, LAYERS.slice(0, 2));
    type('@model with @Dog');
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(question()).not.toBeNull();
    type('@model with @cloth');
    expect(question()).toBeNull();
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(1);
  });
});
