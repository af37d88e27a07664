// Prompt help in the real panel: typing "@" lists the selected references' tags; Enter or a click inserts one,
// and the inserted tag is what the request carries.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = MODEL_AND_CLOTH;

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await openWithReferencesAsync(e2e, LAYERS);
});

function promptField() {
  return e2e.plugin.getByLabel('Prompt', { exact: true });
}

function tagList() {
  return e2e.plugin.getByRole('listbox', { name: 'Reference tags' });
}

describe('prompt help', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('typing "@cl" lists @cloth; Enter inserts it and the request carries it', async () => {
    await promptField().click();
    await promptField().pressSequentially('@model wearing @cl');
    await expect.poll(() => tagList().getByRole('option').allTextContents(), POLL).toEqual(['@cloth']);
    await e2e.screenshotAsync('prompt-help-panel', 'panel');
    await promptField().press('Enter');
    expect(await promptField().inputValue()).toBe('@model wearing @cloth ');
    expect(await tagList().count()).toBe(0);
    // Typing goes on after the inserted tag.
    await promptField().pressSequentially('on the beach');
    expect(await promptField().inputValue()).toBe('@model wearing @cloth on the beach');

    await e2e.generateAsync();
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect((post?.body as { promptText: string }).promptText).toBe('@model wearing @cloth on the beach');
  });

  it('a click on a listed tag inserts it and keeps the focus in the prompt', async () => {
    await promptField().click();
    await promptField().pressSequentially('photo of @');
    await expect.poll(() => tagList().getByRole('option').allTextContents(), POLL).toEqual(['@model', '@cloth']);
    await tagList().getByRole('option', { name: '@model' }).click();
    expect(await promptField().inputValue()).toBe('photo of @model ');
    await promptField().pressSequentially('x');
    expect(await promptField().inputValue()).toBe('photo of @model x');
  });
});
