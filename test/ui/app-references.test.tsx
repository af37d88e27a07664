// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../core/place-into';
import { exportedBytes, generateButton, initWithKey, layer, renderPanel, select, uriOf } from './fakes';

afterEach(cleanup);

function tagField(name: string): HTMLInputElement {
  return screen.getByRole('textbox', { name: `Tag for ${name}` });
}

function thumbnails(container: HTMLElement): string[] {
  return [...container.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
}

describe('an empty selection', () => {
  it('says what to select', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('selection', { version: 1, layers: [], skipped: [], ...NO_TARGET });
    expect(screen.getByText('Select frames or layers on the canvas to use as references')).toBeTruthy();
    expect(screen.getByText('Select at least one layer on the canvas to use as a reference.')).toBeTruthy();
  });
});

describe('cards', () => {
  it('shows one card per layer with a unique default tag', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Beach walk'), layer('1:3', '1')], false);
    const twins = screen.getAllByRole('textbox', { name: 'Tag for Beach walk' }) as HTMLInputElement[];
    expect(twins.map((field) => field.value)).toEqual(['Beach_walk', 'Beach_walk_2']);
    expect(tagField('1').value).toBe('ref_1');
    expect(screen.getAllByText('Exporting…')).toHaveLength(3);
  });

  it('shows the prepared thumbnail once the image arrives', async () => {
    const { bridge, container } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    await waitFor(() => expect(thumbnails(container)).toEqual([uriOf(exportedBytes(0)), uriOf(exportedBytes(1))]));
    expect(screen.queryByText('Exporting…')).toBeNull();
  });

  it('shows an export failure on its card', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk')], false);
    bridge.deliver('reference-failed', { version: 1, id: '1:1', message: 'Couldn\'t export "Beach walk": out of memory' });
    expect(screen.getByText('Couldn\'t export "Beach walk": out of memory')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Tag for Beach walk' })).toBeNull();
    expect(screen.getByText('None of the selected layers could be exported: see the messages on their cards.')).toBeTruthy();
  });

  it('shows a preparation failure on its card', async () => {
    const { bridge, images } = renderPanel();
    images.unpreparable.add(2);
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    expect(await screen.findByText("Couldn't prepare this layer: couldn't read the exported image")).toBeTruthy();
    expect(tagField('Beach walk')).toBeTruthy();
  });

  it('gives layers beyond three a card marked not sent, lists those beyond eight and the skipped ones with their reasons', () => {
    const { bridge } = renderPanel();
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];
    bridge.deliver('selection', {
      version: 1,
      layers: names.map((name, i) => layer(String(i), name)),
      skipped: [{ id: '9', name: 'Notes', reason: { code: 'not-exportable', detail: 'Sticky' } }],
      ...NO_TARGET,
    });
    expect(screen.getAllByRole('textbox', { name: /^Tag for / })).toHaveLength(8);
    const notSent = screen.getAllByText(/^Not sent: the model takes 3 references\./);
    expect(notSent.map((item) => item.textContent)).toEqual(
      names.slice(3, 8).map((name) => `Not sent: the model takes 3 references. Mention @${name} in the prompt to send it.`),
    );
    expect(screen.getByText(/Not offered/).textContent).toBe('Nine: Not offered — at most 8 selected layers become references');
    expect(screen.getByText(/Sticky layers can't be exported as images/).textContent).toBe(
      "Notes: Skipped — Sticky layers can't be exported as images",
    );
  });
});

describe('selection changes', () => {
  it('ignores images of an older snapshot and never mixes cards', async () => {
    const { bridge, container } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk')], false);
    bridge.deliver('selection', { version: 2, layers: [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')], skipped: [], ...NO_TARGET });
    bridge.deliver('reference-image', { version: 1, id: '1:1', bytes: exportedBytes(5), mime: 'image/png' });
    bridge.deliver('reference-image', { version: 2, id: '1:2', bytes: exportedBytes(1), mime: 'image/jpeg' });
    await waitFor(() => expect(thumbnails(container)).toEqual([uriOf(exportedBytes(1))]));
    bridge.deliver('reference-failed', { version: 1, id: '1:2', message: 'old failure' });
    expect(thumbnails(container)).toEqual([uriOf(exportedBytes(1))]);
    expect(screen.queryByText('old failure')).toBeNull();
    expect(screen.getAllByText('Exporting…')).toHaveLength(1);
  });

  it('drops a preparation that finishes after the selection changed', async () => {
    const { bridge, container } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk')]);
    // The same layer, reselected before the preparation of version 1 resolves: version 2 needs its own export.
    bridge.deliver('selection', { version: 2, layers: [layer('1:1', 'Beach walk')], skipped: [], ...NO_TARGET });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(thumbnails(container)).toEqual([]);
    expect(screen.getByText('Exporting…')).toBeTruthy();
  });

  it('keeps an edited tag when the layer is selected again', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk')], false);
    fireEvent.input(tagField('Beach walk'), { target: { value: 'Shore' } });
    select(bridge, 2, [layer('1:2', 'Shore')], false);
    expect(tagField('Shore').value).toBe('Shore');
    select(bridge, 3, [layer('1:1', 'Beach walk'), layer('1:2', 'Shore')], false);
    expect(tagField('Beach walk').value).toBe('Shore');
    expect(tagField('Shore').value).toBe('Shore_2');
  });
});

describe('tag problems', () => {
  it('flags an invalid tag at its card and blocks Generate with the reason', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'Beach walk')]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Prompt' }), { target: { value: '@Beach_walk at noon' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));

    const field = tagField('Beach walk');
    fireEvent.input(field, { target: { value: '2beach' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(describedBy?.textContent).toBe('A tag starts with a letter (A–Z).');
    expect(generateButton().disabled).toBe(true);
    expect(screen.getByText('Tag for “Beach walk”: A tag starts with a letter (A–Z).')).toBeTruthy();

    fireEvent.input(field, { target: { value: 'Beach_walk' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(generateButton().disabled).toBe(false);
  });

  it('flags a duplicate tag at the second card', () => {
    const { bridge } = renderPanel();
    select(bridge, 1, [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')]);
    fireEvent.input(tagField('Dog'), { target: { value: 'beach_walk' } });
    expect(tagField('Beach walk').getAttribute('aria-invalid')).toBe('false');
    expect(tagField('Dog').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('"beach_walk" is already used by another reference; tags must be unique.')).toBeTruthy();
    expect(screen.getByText('Tag for “Dog”: "beach_walk" is already used by another reference; tags must be unique.')).toBeTruthy();
  });
});
