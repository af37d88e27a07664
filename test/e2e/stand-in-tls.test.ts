// The stand-in over HTTPS with the test certificate: what the end-to-end tests rely on to stand in for
// https://api.segmind.com. Checked from Node with the certificate as the only trusted CA.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import jpeg from 'jpeg-js';
import { SEGMIND_HOST, testCertificateAsync } from '../support/segmind-mapping';
import { solidJpeg, startSegmindStandIn, STAND_IN_PATH, type SegmindStandIn } from '../support/segmind-stand-in';

const KEY = 'sk-test-tls-77';
const BODY = JSON.stringify({
  promptText: 'A lamp like @lamp',
  referenceImages: [{ uri: `data:image/jpeg;base64,${Buffer.from(solidJpeg(8, 8, [40, 50, 60])).toString('base64')}`, tag: 'lamp' }],
  ratio: '960:960',
});

let standIn: SegmindStandIn;
let cert: string;
beforeAll(async () => {
  const tls = await testCertificateAsync();
  cert = tls.cert;
  standIn = await startSegmindStandIn({ tls });
});
afterAll(() => standIn?.close());

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** POSTs BODY to 127.0.0.1 as if to `servername` (the name the certificate is checked against), trusting only the test certificate. */
function postAsync(servername: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: standIn.port,
        servername,
        ca: cert,
        method: 'POST',
        path: STAND_IN_PATH,
        headers: { host: servername, 'x-api-key': KEY, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

describe('the stand-in with tls', () => {
  it('serves HTTPS on 127.0.0.1 with a certificate valid for api.segmind.com', async () => {
    expect(standIn.url).toBe(`https://127.0.0.1:${standIn.port}`);
    const answer = await postAsync(SEGMIND_HOST);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/jpeg');
    const image = jpeg.decode(answer.body, { useTArray: true });
    expect([image.width, image.height]).toEqual([960, 960]);
    expect(standIn.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: STAND_IN_PATH,
      headers: { host: SEGMIND_HOST, 'x-api-key': KEY },
    });
  });

  it('is refused for any other name: the certificate is for api.segmind.com only', async () => {
    await expect(postAsync('api.example.com')).rejects.toThrow(/api\.example\.com|altnames|Hostname/i);
  });
});
