// @vitest-environment happy-dom
// Image files dropped, pasted or picked in the panel become reference cards beside the selection's.
// Real PNG and JPEG bytes (pngjs, jpeg-js) go in; the fake pipeline makes data URIs that carry them.
import { cleanup, createEvent, fireEvent, screen, waitFor } from '@testing-library/preact';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportedBytes, generateButton, initWithKey, layer, promptField, renderPanel, select, uriOf, type Panel } from './fakes';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function pngFile(name: string, width = 40, height = 30): File {
  const image = new PNG({ width, height });
  image.data.fill(180);
  return new File([new Uint8Array(PNG.sync.write(image))], name, { type: 'image/png' });
}

function jpegFile(name: string): File {
  const data = Buffer.alloc(32 * 24 * 4, 90);
  return new File([new Uint8Array(jpeg.encode({ data, width: 32, height: 24 }, 80).data)], name, { type: 'image/jpeg' });
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

type DragType = 'dragEnter' | 'dragOver' | 'dragLeave' | 'drop';

/**
 * Fires a drag event with `dataTransfer`; false when a listener cancelled it. Built with createEvent because
 * the Preact fireEvent.dragEnter misnames events that happy-dom elements have no `on…` property for.
 */
function drag(type: DragType, target: HTMLElement, dataTransfer: { files: File[]; types: string[] }): boolean {
  return fireEvent(target, createEvent[type](target, { dataTransfer }));
}

function panelElement(): HTMLElement {
  return screen.getByRole('main');
}

/** Drops `files` on the panel as the browser does: enter, over, drop. */
function drop(files: File[], target: HTMLElement = panelElement()): void {
  const dataTransfer = { files, types: ['Files'] };
  drag('dragEnter', target, dataTransfer);
  drag('dragOver', target, dataTransfer);
  drag('drop', target, dataTransfer);
}

function cardNames(): string[] {
  return [...document.querySelectorAll('.card .name')].map((name) => name.textContent ?? '');
}

/** The cards whose own note says they are not sent. */
function notSentNames(): string[] {
  return [...document.querySelectorAll('.card')]
    .filter((card) => /Not sent:/.test(card.textContent ?? ''))
    .map((card) => card.querySelector('.name')?.textContent ?? '');
}

function tagField(name: string): HTMLInputElement {
  return screen.getByRole('textbox', { name: `Tag for ${name}` });
}

function thumbnails(): string[] {
  return [...document.querySelectorAll('.card img')].map((img) => img.getAttribute('src') ?? '');
}

async function panelWithKey(): Promise<Panel> {
  const panel = renderPanel();
  initWithKey(panel.bridge);
  return panel;
}

describe('dropping files', () => {
  it('adds a dropped PNG as a file card tagged from its name, prepared like a layer', async () => {
    await panelWithKey();
    const file = pngFile('Red dress.png');
    drop([file]);
    await waitFor(() => expect(cardNames()).toEqual(['Red dress.png']));
    expect(tagField('Red dress.png').value).toBe('Red_dress');
    expect(screen.getByText('File')).toBeTruthy();
    const uri = uriOf(await bytesOf(file));
    await waitFor(() => expect(thumbnails()).toEqual([uri]));
  });

  it('shows the drop target while files are dragged over the panel, and hides it when they leave', () => {
    const { container } = renderPanel();
    const dataTransfer = { files: [], types: ['Files'] };
    drag('dragEnter', panelElement(), dataTransfer);
    drag('dragEnter', promptField(), dataTransfer);
    expect(container.querySelector('.drop-target')?.textContent).toBe('Drop to add as a reference');
    drag('dragLeave', panelElement(), dataTransfer);
    expect(container.querySelector('.drop-target')).not.toBeNull();
    drag('dragLeave', promptField(), dataTransfer);
    expect(container.querySelector('.drop-target')).toBeNull();
  });

  it('accepts the drag (so the browser allows the drop) and keeps the browser from opening the file', () => {
    renderPanel();
    const dataTransfer = { files: [pngFile('a.png')], types: ['Files'] };
    expect(drag('dragOver', panelElement(), dataTransfer)).toBe(false);
    expect(drag('drop', panelElement(), dataTransfer)).toBe(false);
  });

  it('leaves drags of text alone', () => {
    const { container } = renderPanel();
    const dataTransfer = { files: [], types: ['text/plain'] };
    drag('dragEnter', promptField(), dataTransfer);
    expect(container.querySelector('.drop-target')).toBeNull();
    expect(drag('dragOver', promptField(), dataTransfer)).toBe(true);
  });

  it('refuses a PDF with a clear message and makes no card', async () => {
    await panelWithKey();
    drop([new File(['%PDF-1.7 …'], 'notes.pdf', { type: 'application/pdf' })]);
    expect(await screen.findByText("“notes.pdf” isn't an image: drop a PNG, JPEG or WebP")).toBeTruthy();
    expect(cardNames()).toEqual([]);
  });

  it('refuses an empty file and a broken image, keeping the good one of the same drop', async () => {
    const { images } = await panelWithKey();
    // The fake pipeline fails on bytes ending in 0x99: a JPEG that passes the header checks but can't be decoded.
    images.unpreparable.add(0x99);
    const broken = new File(
      [new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 10, 0, 10, 1, 1, 0x11, 0, 0xff, 0xd9, 0x99])],
      'broken.jpg',
    );
    drop([new File([], 'empty.png'), broken, pngFile('Good.png')]);
    expect(await screen.findByText('“empty.png” is empty (0 bytes): drop a PNG, JPEG or WebP')).toBeTruthy();
    expect(await screen.findByText("Couldn't use “broken.jpg”: couldn't read the exported image")).toBeTruthy();
    expect(cardNames()).toEqual(['Good.png']);
  });
});

describe('pasting', () => {
  it('adds a pasted JPEG as a reference instead of pasting into the prompt', async () => {
    await panelWithKey();
    const file = jpegFile('Studio shot.jpg');
    const pasted = fireEvent.paste(promptField(), { clipboardData: { files: [file], types: ['Files', 'text/plain'] } });
    expect(pasted).toBe(false);
    await waitFor(() => expect(cardNames()).toEqual(['Studio shot.jpg']));
    expect(tagField('Studio shot.jpg').value).toBe('Studio_shot');
    expect(promptField().value).toBe('');
  });

  it('lets text paste as usual', () => {
    renderPanel();
    const pasted = fireEvent.paste(promptField(), { clipboardData: { files: [], types: ['text/plain'], getData: () => 'a red dress' } });
    expect(pasted).toBe(true);
    expect(cardNames()).toEqual([]);
  });
});

describe('the file picker', () => {
  it('opens from "Add image…" and adds every picked file', async () => {
    await panelWithKey();
    const input = screen.getByLabelText('Image files to add as references') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/png,image/jpeg,image/webp');
    expect(input.multiple).toBe(true);
    const opened = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Add image…' }));
    expect(opened).toHaveBeenCalledTimes(1);
    Object.defineProperty(input, 'files', { value: [pngFile('One.png'), jpegFile('Two.jpg')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(cardNames()).toEqual(['One.png', 'Two.jpg']));
  });
});

describe('with the selection', () => {
  it('refuses files beyond the 3 a request takes, by name; unnamed layers yield to the files', async () => {
    const { bridge } = await panelWithKey();
    select(bridge, 1, [layer('1:1', 'Model'), layer('1:2', 'Garden')]);
    drop([pngFile('Dress.png'), pngFile('Hat.png'), pngFile('Shoe.png'), pngFile('Bag.png')]);
    expect(await screen.findByText("“Bag.png” wasn't added: the model takes at most 3 references. Remove one first.")).toBeTruthy();
    expect(cardNames()).toEqual(['Model', 'Garden', 'Dress.png', 'Hat.png', 'Shoe.png']);
    expect(notSentNames()).toEqual(['Model', 'Garden']);
    // Named in the prompt, a layer is sent before the files.
    fireEvent.input(promptField(), { target: { value: '@Model wearing @Dress' } });
    expect(notSentNames()).toEqual(['Garden', 'Shoe.png']);
  });

  it('keeps file cards when the selection changes, and the unnamed layers yield when there is no room', async () => {
    const { bridge } = await panelWithKey();
    select(bridge, 1, [layer('1:1', 'Model')]);
    drop([pngFile('Dress.png'), pngFile('Model.png')]);
    await waitFor(() => expect(cardNames()).toEqual(['Model', 'Dress.png', 'Model.png']));
    expect(tagField('Model.png').value).toBe('Model_2');
    select(bridge, 2, [layer('1:3', 'Shoe'), layer('1:4', 'Bag')]);
    expect(cardNames()).toEqual(['Shoe', 'Bag', 'Dress.png', 'Model.png']);
    expect(notSentNames()).toEqual(['Bag']);
    select(bridge, 3, []);
    expect(cardNames()).toEqual(['Dress.png', 'Model.png']);
    expect(notSentNames()).toEqual([]);
  });

  it('gives a newly selected layer a tag that avoids the file tags', async () => {
    const { bridge } = await panelWithKey();
    drop([pngFile('Dog.png')]);
    await waitFor(() => expect(cardNames()).toEqual(['Dog.png']));
    select(bridge, 1, [layer('1:1', 'Dog')]);
    expect(tagField('Dog').value).toBe('Dog_2');
    expect(tagField('Dog.png').value).toBe('Dog');
  });

  it('removes a file card with its Remove button, which brings back a layer that had no room', async () => {
    const { bridge } = await panelWithKey();
    drop([pngFile('Dress.png')]);
    await waitFor(() => expect(cardNames()).toEqual(['Dress.png']));
    select(bridge, 1, [layer('1:1', 'One'), layer('1:2', 'Two'), layer('1:3', 'Three')]);
    expect(cardNames()).toEqual(['One', 'Two', 'Three', 'Dress.png']);
    expect(notSentNames()).toEqual(['Three']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Dress.png' }));
    expect(cardNames()).toEqual(['One', 'Two', 'Three']);
    expect(notSentNames()).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull();
  });
});

describe('generating with file references', () => {
  it('sends the file with the layer, under their tags, and records the file by name', async () => {
    const { bridge, provider } = await panelWithKey();
    select(bridge, 1, [layer('1:1', 'Model')]);
    const file = pngFile('Red dress.png');
    drop([file]);
    await waitFor(() => expect(cardNames()).toEqual(['Model', 'Red dress.png']));
    fireEvent.input(tagField('Red dress.png'), { target: { value: 'dress' } });
    fireEvent.input(promptField(), { target: { value: '@Model wearing @dress' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls[0]?.request.references).toEqual([
      { uri: uriOf(exportedBytes(0)), tag: 'Model' },
      { uri: uriOf(await bytesOf(file)), tag: 'dress' },
    ]);
    await provider.succeedAsync();
    expect(bridge.postsOf('place')[0]?.references).toEqual([
      { tag: 'Model', layerId: '1:1', layerName: 'Model' },
      { tag: 'dress', layerId: 'file:1', layerName: 'Red dress.png' },
    ]);
  });

  it('needs no selection when a file is the reference', async () => {
    const { provider } = await panelWithKey();
    drop([jpegFile('Sofa.jpg')]);
    fireEvent.input(promptField(), { target: { value: '@Sofa in a bright loft' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls[0]?.request.references.map((reference) => reference.tag)).toEqual(['Sofa']);
  });
});
