// In-process checks of what HTTP cannot show: the exact fetch call the relay makes, the log line with a
// controlled clock, and a failure inside the relay itself. The HTTP behaviour is in relay.test.ts.
import { describe, expect, it } from 'vitest';
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig, type RelayConfig } from '../../relay/src/config';

function configOf(env: Record<string, string>): RelayConfig {
  const result = readRelayConfig(env);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.config;
}

interface FetchCall {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch that records its calls and answers with `answer()`. */
function recordingFetch(answer: () => Response): { fetch: typeof fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  };
  return { fetch: fake, calls };
}

describe('createRelayApp', () => {
  it('calls the configured upstream with redirect: manual, a signal, and the body read whole with its length', async () => {
    const upstream = recordingFetch(() => new Response('{"id":"t1"}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const app = createRelayApp(configOf({ RUNWAY_API_BASE: 'https://gateway.example/runway' }), {
      fetch: upstream.fetch,
      log: () => undefined,
    });
    const response = await app.request('http://relay.example/runway/v1/text_to_image?ignored=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer key_test', 'x-runway-version': '2024-11-06' },
      body: '{"model":"gen4_image"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 't1' });
    expect(upstream.calls).toHaveLength(1);
    const [call] = upstream.calls;
    expect(call?.url).toBe('https://gateway.example/runway/v1/text_to_image');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.redirect).toBe('manual');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
    expect(await new Response(call?.init.body).text()).toBe('{"model":"gen4_image"}');
    expect(Object.fromEntries(new Headers(call?.init.headers).entries())).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer key_test',
      'x-runway-version': '2024-11-06',
      'accept-encoding': 'identity',
      'content-length': '22',
    });
  });

  it('hands the upstream the very chunks the caller sent, neither joined nor copied', async () => {
    const sent = [new Uint8Array(300).fill(1), new Uint8Array(200).fill(2), new Uint8Array(100).fill(3)];
    const received: Uint8Array[] = [];
    const upstream = recordingFetch(() => new Response('{}'));
    const app = createRelayApp(configOf({}), {
      fetch: async (input, init) => {
        const reader = (init?.body as ReadableStream<Uint8Array>).getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received.push(chunk.value);
        return upstream.fetch(input, init);
      },
      log: () => undefined,
    });
    const request = new Request('http://relay.example/segmind/v1/runway-gen4-image', {
      method: 'POST',
      headers: { 'content-length': '600' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of sent) controller.enqueue(chunk);
          controller.close();
        },
      }),
      // Node needs it for a streamed body; the DOM typings don't know it yet.
      duplex: 'half',
    } as RequestInit);
    const response = await app.fetch(request);
    expect(response.status).toBe(200);
    expect(received).toHaveLength(sent.length);
    received.forEach((chunk, index) => expect(chunk).toBe(sent[index]));
    expect(new Headers(upstream.calls[0]?.init.headers).get('content-length')).toBe('600');
  });

  it('answers with the provider’s body as it arrived, and its exact length', async () => {
    const parts = [new Uint8Array(1000).fill(7), new Uint8Array(24).fill(8)];
    const upstream = recordingFetch(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const part of parts) controller.enqueue(part);
              controller.close();
            },
          }),
          { headers: { 'content-type': 'image/png' } },
        ),
    );
    const app = createRelayApp(configOf({}), { fetch: upstream.fetch, log: () => undefined });
    const response = await app.request('http://relay.example/runway-output/a/b.png');
    expect(response.headers.get('content-length')).toBe('1024');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value).toBe(parts[0]);
    expect((await reader.read()).value).toBe(parts[1]);
    expect((await reader.read()).done).toBe(true);
  });

  it('refuses a body declared over 64 MB without reading any of it', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const upstream = recordingFetch(() => new Response('{}'));
    const app = createRelayApp(configOf({}), { fetch: upstream.fetch, log: () => undefined });
    const request = new Request('http://relay.example/segmind/v1/runway-gen4-image', {
      method: 'POST',
      headers: { 'content-length': String(65 * 1024 * 1024) },
      body,
      // Node needs it for a streamed body; the DOM typings don't know it yet.
      duplex: 'half',
    } as RequestInit);
    const response = await app.fetch(request);
    expect(response.status).toBe(413);
    expect(response.headers.get('x-relay-error')).toBe('too-large');
    expect(upstream.calls).toEqual([]);
    // A stream may pull once to fill its queue when it is created; nothing is read after that.
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('logs method, path, status and the duration measured by its clock', async () => {
    const lines: string[] = [];
    const times = [1_000, 1_250];
    const app = createRelayApp(configOf({}), {
      fetch: recordingFetch(() => new Response(null, { status: 204 })).fetch,
      log: (line) => lines.push(line),
      now: () => times.shift() ?? Number.NaN,
    });
    const response = await app.request('http://relay.example/runway/v1/tasks/abc-1?secret=1', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(lines).toEqual(['DELETE /runway/v1/tasks/abc-1 204 250ms']);
  });

  it('answers a failure inside the relay with 500 internal, logging only the error’s name', async () => {
    const lines: string[] = [];
    // An answer without headers makes the relay itself throw while copying them.
    const broken = recordingFetch(() => ({ status: 200, headers: null, body: null }) as unknown as Response);
    const app = createRelayApp(configOf({}), { fetch: broken.fetch, log: (line) => lines.push(line), now: () => 0 });
    const response = await app.request('http://relay.example/segmind/v2/requests/r1/status');
    expect(response.status).toBe(500);
    expect(response.headers.get('x-relay-error')).toBe('internal');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ error: 'The relay failed unexpectedly; its log names the error.' });
    expect(lines).toEqual(['relay error: TypeError', 'GET /segmind/v2/requests/r1/status 500 internal 0ms']);
  });
});
