import { describe, expect, it } from 'vitest';
import { declaredLength, discardUnreadBodyAsync, MAX_DISCARDED_BYTES, readCappedBodyAsync, sendableBody } from '../../relay/src/body';

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
    expect(await readCappedBodyAsync(null, 10)).toEqual({ ok: true, body: { chunks: [], byteLength: 0 } });
  });

  it('holds a body within the cap as the very chunks that arrived, neither joined nor copied', async () => {
    const chunks = [Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)];
    const result = await readCappedBodyAsync(chunkStream(chunks).stream, 6);
    expect(result).toEqual({ ok: true, body: { chunks, byteLength: 6 } });
    if (result.ok) result.body.chunks.forEach((chunk, index) => expect(chunk).toBe(chunks[index]));
  });

  it('rejects when the stream breaks off (the other side went away)', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Uint8Array.of(1));
      },
      pull(controller) {
        controller.error(new Error('socket closed'));
      },
    });
    await expect(readCappedBodyAsync(broken, 10)).rejects.toThrow('socket closed');
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

describe('sendableBody', () => {
  it('gives the held chunks themselves, in order, and ends', async () => {
    const chunks = [Uint8Array.of(1, 2), Uint8Array.of(3)];
    const reader = sendableBody({ chunks, byteLength: 3 }).getReader();
    expect((await reader.read()).value).toBe(chunks[0]);
    expect((await reader.read()).value).toBe(chunks[1]);
    expect((await reader.read()).done).toBe(true);
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
