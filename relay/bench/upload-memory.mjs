// Peak memory of the Node relay while it forwards ten concurrent 19 MB uploads (about what the plugin sends with
// three large references), so a change to how request bodies are held can be measured rather than guessed.
//
//   node relay/bench/upload-memory.mjs            # builds relay/dist/node.mjs, then runs both scenarios
//
// Each scenario runs in a fresh relay process; the relay reports its own peak RSS (process.resourceUsage().maxRSS)
// over IPC, so the figure is the relay's alone, not this script's (which holds the upload bytes and the sink).
import { execFileSync, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';

const UPLOADS = 10;
const UPLOAD_BYTES = 19 * 1024 * 1024;
const SEND_CHUNK_BYTES = 64 * 1024;
const MB = 1024 * 1024;

const relayDir = fileURLToPath(new URL('..', import.meta.url));
// Loaded into the relay process before its bundle: answers 'maxrss' with the process's peak RSS in bytes.
const REPORTER = `process.on('message', () => process.send(process.resourceUsage().maxRSS * 1024)); process.channel.unref();`;

/** An upstream that reads every body to its end and answers a small JSON, like Segmind's v2 submit. */
async function startSinkAsync() {
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bytes }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Starts the bundled relay forwarding /segmind/* to the sink; resolves once it prints its URL. */
function startRelayAsync(sinkUrl) {
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REPORTER)}`, `${relayDir}dist/node.mjs`], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', SEGMIND_API_BASE: sinkUrl },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /Relay listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`the relay exited (${code}):\n${output}`)));
  });
}

function peakRssAsync(child) {
  child.channel.ref();
  return new Promise((resolve) => {
    child.once('message', (bytes) => {
      child.channel.unref();
      resolve(bytes);
    });
    child.send('maxrss');
  });
}

/** POSTs the body in 64 KB writes, with a Content-Length or chunked, and resolves with the status. */
function uploadAsync(relayUrl, body, chunked) {
  const { hostname, port } = new URL(relayUrl);
  const headers = { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(body.length) }) };
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: 'POST', path: '/segmind/v2/runway-gen4-image', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    for (let offset = 0; offset < body.length; offset += SEND_CHUNK_BYTES) req.write(body.subarray(offset, offset + SEND_CHUNK_BYTES));
    req.end();
  });
}

async function runScenarioAsync(label, chunked, body) {
  const sink = await startSinkAsync();
  const { url, child } = await startRelayAsync(sink.url);
  try {
    const idle = await peakRssAsync(child);
    const statuses = await Promise.all(Array.from({ length: UPLOADS }, () => uploadAsync(url, body, chunked)));
    if (statuses.some((status) => status !== 200)) throw new Error(`unexpected statuses: ${statuses.join(', ')}`);
    const peak = await peakRssAsync(child);
    const mb = (bytes) => `${(bytes / MB).toFixed(0)} MB`;
    console.log(`${label}: peak RSS ${mb(peak)} (idle ${mb(idle)}, +${mb(peak - idle)} for ${mb(UPLOADS * body.length)} of bodies)`);
  } finally {
    child.kill();
    sink.close();
  }
}

execFileSync(process.execPath, [`${relayDir}build.mjs`], { stdio: 'inherit' });
const body = Buffer.alloc(UPLOAD_BYTES, 0x61);
console.log(`${UPLOADS} concurrent uploads of ${UPLOAD_BYTES / MB} MB through the Node relay (node ${process.version})`);
await runScenarioAsync('with Content-Length (as browsers send)', false, body);
await runScenarioAsync('chunked (no Content-Length)', true, body);
