// The playground's Fault menu end to end in real Chromium: the host server offers the stand-in's faults, the page's
// menu switches them through POST /fault, and the Segmind stand-in answers the next generation with that fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowserAsync, type Browser } from '../support/browser';
import { solidPng, startSegmindStandIn, type SegmindStandIn } from '../support/segmind-stand-in';
import { playgroundFaultSwitch } from './playground-fault';
import { startHostServer, type HostServer } from './server';

const BODY = {
  promptText: 'A @chair',
  referenceImages: [{ uri: `data:image/png;base64,${Buffer.from(solidPng(8, 8, [9, 9, 9])).toString('base64')}`, tag: 'chair' }],
  ratio: '960:960',
};

let standIn: SegmindStandIn;
let server: HostServer;
let plain: HostServer;
let browser: Browser;
let page: Page;

async function generationStatusAsync(): Promise<number> {
  const response = await fetch(`${standIn.url}/v1/runway-gen4-image`, {
    method: 'POST',
    headers: { 'x-api-key': 'sk-test', 'content-type': 'application/json' },
    body: JSON.stringify(BODY),
  });
  await response.arrayBuffer();
  return response.status;
}

function postFault(url: string, body: string): Promise<Response> {
  return fetch(new URL('/fault', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

beforeAll(async () => {
  standIn = await startSegmindStandIn();
  server = await startHostServer({ faults: playgroundFaultSwitch(standIn, '500') });
  plain = await startHostServer();
  browser = await launchBrowserAsync();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([server?.close(), plain?.close(), standIn?.close()]);
});

describe('the Fault menu', () => {
  it('starts at the --fault given, and switches the stand-in live', async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => 'host' in window);
    const menu = page.getByRole('combobox', { name: 'Fault' });
    expect(await menu.isVisible()).toBe(true);
    expect(await menu.inputValue()).toBe('500');
    expect(await menu.locator('option').allTextContents()).toEqual(['None', '401', '406', '429', '500', 'slow', 'cors', 'not-image']);
    expect(await generationStatusAsync()).toBe(500);

    await menu.selectOption('429');
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#fault')?.dataset.applied === '429');
    expect(await generationStatusAsync()).toBe(429);

    await menu.selectOption('');
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#fault')?.dataset.applied === '');
    expect(await generationStatusAsync()).toBe(200);
    // A reload shows what the stand-in does now.
    await page.reload();
    await page.waitForFunction(() => 'host' in window);
    expect(await page.getByRole('combobox', { name: 'Fault' }).inputValue()).toBe('');
  });

  it('POST /fault refuses a name it doesn’t offer, saying which it does', async () => {
    const response = await postFault(server.url, '{"fault":"402"}');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Send {"fault": null} or one of "401", "406", "429", "500", "slow", "cors", "not-image"');
    expect((await postFault(server.url, 'not json')).status).toBe(400);
    expect(await (await fetch(new URL('/host-config.json', server.url))).json()).toMatchObject({ faults: { current: null } });
  });

  it('a host without a stand-in (tests, --real) shows no menu and takes no POST', async () => {
    await page.goto(plain.url);
    await page.waitForFunction(() => 'host' in window);
    expect(await page.getByRole('combobox', { name: 'Fault' }).isVisible()).toBe(false);
    expect((await postFault(plain.url, '{"fault":"429"}')).status).toBe(405);
  });
});
