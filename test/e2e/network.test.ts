// What the network lets the plugin do, as in Figma: the UI iframe (origin null) reaches api.segmind.com only
// when Segmind answers CORS, and reaches nothing the manifest's networkAccess leaves out.
import { beforeEach, describe, expect, it } from 'vitest';
import { OUTSIDE_HOST, SEGMIND_HOST, type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { shareE2EWithSavedKey } from '../support/e2e-suite';
import { STAND_IN_PATH } from '../support/segmind-stand-in';

const LAYERS = [{ name: 'sofa', type: 'FRAME', x: 0, y: 0, width: 480, height: 320, fill: '#b08d57' }] as const;

let e2e: E2E;
shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
});

/** Runs fetch(url) inside the plugin iframe: "status <n>" when it got an answer, else the error. */
async function fetchFromPluginAsync(url: string): Promise<string> {
  const frame = await e2e.pluginFrameAsync();
  return frame.evaluate(async (target) => {
    try {
      const response = await fetch(target);
      return `status ${response.status}`;
    } catch (error) {
      return `failed: ${String(error)}`;
    }
  }, url);
}

describe('CORS', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('refused by Segmind → the panel says the call was blocked and points at a relay', async () => {
    const [id] = await e2e.addLayersAsync(LAYERS);
    await e2e.openPluginAsync();
    await e2e.host('select', [id!]);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@sofa in a sunny loft');
    e2e.standIn.setCors(false);

    const end = await e2e.generateAsync();
    expect(end.kind).toBe('unreachable');
    expect(end.text).toContain('could not reach Segmind');
    expect(end.text).toContain('CORS');
    expect(end.text).toContain('relay');
    // The browser stopped at the refused preflight: the POST (and its key) never left.
    expect(e2e.standIn.requests.map((request) => [request.method, request.headers.host, request.headers.origin])).toEqual([
      ['OPTIONS', SEGMIND_HOST, 'null'],
    ]);
    expect(await e2e.placedLayersAsync()).toEqual([]);
    await e2e.screenshotAsync('error-cors', 'panel');
  });
});

describe("the manifest's networkAccess", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('blocks a request from the plugin to a domain outside it, and lets api.segmind.com through', async () => {
    await e2e.openPluginAsync();
    const outside = `https://${OUTSIDE_HOST}/collect`;
    const blocked = await fetchFromPluginAsync(outside);
    expect(blocked).toMatch(/^failed: /);
    await expect.poll(() => e2e.host('blockedRequests'), POLL).toContainEqual(expect.stringContaining(`https://${OUTSIDE_HOST}`));
    expect(e2e.standIn.requests.filter((request) => request.headers.host === OUTSIDE_HOST)).toEqual([]);

    // The allowed host is reached from the same frame: a GET, which Segmind answers with 405.
    expect(await fetchFromPluginAsync(`https://${SEGMIND_HOST}${STAND_IN_PATH}`)).toBe('status 405');
    expect(e2e.standIn.requests.map((request) => [request.method, request.headers.host])).toEqual([['GET', SEGMIND_HOST]]);
    expect((await e2e.host('blockedRequests')).filter((url) => url.includes(SEGMIND_HOST))).toEqual([]);

    // Outside the plugin the browser does reach the outside host (it maps to the stand-in too), so what
    // stopped the plugin's request was the manifest's policy, not the network.
    const probe = await e2e.browser.context.newPage();
    try {
      const response = await probe.goto(outside);
      expect(response?.status()).toBe(404);
    } finally {
      await probe.close();
    }
    expect(e2e.standIn.requests.some((request) => request.headers.host === OUTSIDE_HOST && request.path === '/collect')).toBe(true);
  });
});
