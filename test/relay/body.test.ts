import { describe, expect, it } from 'vitest';
import { declaredLength, discardUnreadBodyAsync, MAX_DISCARDED_BYTES, readCappedBodyAsync } from '../../relay/src/body';

/** A stream of the given chunks that records how far it was read and whether it was cancelled. */
function chunkStream(chunks: Uint8Array[]): { stream: ReadableStream<Uint8Array>; pulled(): number; cancelled(): boolean } {
  let index = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index];
        index += 1;
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => index, cancelled: () => cancelled };
}

describe('declaredLength', () => {
  it.each([
    [null, null],
    ['100', 100],
    [' 101 ', 101],
    ['abc', null],
    ['-5', null],
    ['10, 10', null],
  ])('Content-Length %j → %j', (length, expected) => {
    expect(declaredLength(length)).toBe(expected);
  });
});

describe('readCappedBodyAsync', () => {
  it('reads a missing body as empty', async () => {
    expect(await readCappedBodyAsync(null, 10)).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });

  it('joins the chunks of a body within the cap, byte for byte', async () => {
    const { stream } = chunkStream([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)]);
    expect(await readCappedBodyAsync(stream, 6)).toEqual({ ok: true, bytes: Uint8Array.of(1, 2, 3, 4, 5, 6) });
  });

  it('keeps nothing past the cap, but reads the rest of the body to its end so the connection survives', async () => {
    const source = chunkStream([new Uint8Array(4), new Uint8Array(4), new Uint8Array(4), new Uint8Array(4)]);
    expect(await readCappedBodyAsync(source.stream, 6)).toEqual({ ok: false });
    expect(source.pulled()).toBe(5);
    expect(source.cancelled()).toBe(false);
  });

  it('cancels a refused body once the discard limit is passed', async () => {
    const source = chunkStream(Array.from({ length: 10 }, () => new Uint8Array(4)));
    expect(await readCappedBodyAsync(source.stream, 6, 12)).toEqual({ ok: false });
    expect(source.pulled()).toBe(4);
    expect(source.cancelled()).toBe(true);
  });
});

describe('discardUnreadBodyAsync', () => {
  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request =>
    // Node needs duplex for a streamed body; the DOM typings don't know it yet.
    new Request('http://relay.example/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('reads an unread body to its end', async () => {
    const source = chunkStream([new Uint8Array(4), new Uint8Array(4)]);
    await discardUnreadBodyAsync(post(source.stream));
    expect(source.pulled()).toBe(3);
    expect(source.cancelled()).toBe(false);
  });

  it('cancels past the limit (64 MB by default)', async () => {
    const source = chunkStream(Array.from({ length: 10 }, () => new Uint8Array(4)));
    await discardUnreadBodyAsync(post(source.stream), 8);
    expect(source.pulled()).toBe(3);
    expect(source.cancelled()).toBe(true);
    expect(MAX_DISCARDED_BYTES).toBe(64 * 1024 * 1024);
  });

  it('reads nothing of a body that declares more than the limit', async () => {
    const source = chunkStream(Array.from({ length: 10 }, () => new Uint8Array(4)));
    await discardUnreadBodyAsync(post(source.stream, { 'content-length': '40' }), 8);
    expect(source.pulled()).toBe(0);
  });

  it('leaves a body already read alone, and a request without one', async () => {
    const request = post(chunkStream([Uint8Array.of(1)]).stream);
    await request.arrayBuffer();
    await expect(discardUnreadBodyAsync(request)).resolves.toBeUndefined();
    await expect(discardUnreadBodyAsync(new Request('http://relay.example/x'))).resolves.toBeUndefined();
  });

  it('ends quietly when the caller goes away mid-body', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket closed'));
      },
    });
    await expect(discardUnreadBodyAsync(post(failing))).resolves.toBeUndefined();
  });
});
