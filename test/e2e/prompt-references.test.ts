// The references sent are the ones the prompt names, in the real panel: four layers selected, the prompt names the
// fourth, and the request carries it (the stand-in draws exactly what it received); a prompt naming a tag no
// reference has asks before anything is sent.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS } from '../support/e2e';
import { MODEL_AND_CLOTH, onlyPostedBody, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [
  ...MODEL_AND_CLOTH,
  { name: 'room', type: 'FRAME', x: 680, y: 0, width: 600, height: 400, imageUrl: '/samples/room.svg' },
  { name: 'Mug', type: 'FRAME', x: 1320, y: 0, width: 400, height: 400, imageUrl: '/samples/product.svg' },
] as const;

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await openWithReferencesAsync(e2e, LAYERS);
});

const promptField = () => e2e.plugin.getByLabel('Prompt', { exact: true });
const posts = () => e2e.standIn.requests.filter((request) => request.method === 'POST');

describe('the references the prompt names', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('sends a named @Mug, the fourth selected layer, instead of an unnamed one', async () => {
    await promptField().fill('@Mug on a kitchen table beside @model');
    await e2e.plugin.getByText('Not sent: the model takes 3 references. Mention @room in the prompt to send it.').waitFor();
    await e2e.screenshotAsync('prompt-references-panel', 'panel');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    expect(onlyPostedBody(e2e).referenceImages.map((reference) => reference.tag)).toEqual(['model', 'cloth', 'Mug']);
  });

  it('asks "Generate anyway?" for a tag no reference has; Cancel sends nothing, Generate anyway sends the prompt', async () => {
    await promptField().fill('@model holding @Dog');
    await e2e.waitForReadyAsync();
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    const question = e2e.plugin.getByText('The prompt names @Dog, which no reference has. Generate anyway?', { exact: true });
    await question.waitFor();
    await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    expect(posts()).toEqual([]);
    expect(await promptField().inputValue()).toBe('@model holding @Dog');

    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    await e2e.plugin.getByRole('button', { name: 'Generate anyway', exact: true }).click();
    expect((await e2e.waitForRunEndAsync()).text).toContain('Placed');
    expect(onlyPostedBody(e2e).promptText).toBe('@model holding @Dog');
  });
});
