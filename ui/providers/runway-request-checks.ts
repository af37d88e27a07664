// What makes a Runway request unsendable, checked before any call so no credits are spent: the relay's addresses,
// the model, references, ratio, prompt, tags and seed, and credentials a header can't carry.
import { runwayModel } from '../../core/models';
import { MAX_PROMPT_LENGTH } from '../../core/prompt';
import { findRatio } from '../../core/ratios';
import { checkSeed, MAX_SEED } from '../../core/settings';
import { sameTag, tagProblem } from '../../core/tags';
import type { GenerationFailure, GenerationRequest } from './provider';
import { isHeaderSafe } from '../../core/secrets';
import { clip } from './provider-text';
import { badRequest } from './runway-errors';
import type { RunwayCredentials } from './runway-requests';

/** Why the relay's addresses can't be used, or null: Runway is reachable only through the relay, so they must be set. */
export function runwayEndpointProblem(baseUrl: string, outputBase: string): GenerationFailure | null {
  for (const address of [baseUrl.trim(), outputBase.trim()]) {
    if (address === '') {
      return {
        kind: 'unreachable',
        message:
          'Runway is reachable from the plugin only through a relay, and no Relay URL is set. Start one with ' +
          '`npm run relay` and paste its address as the Relay URL in Settings.',
      };
    }
    if (!/^https?:\/\/[^\s/?#]+/i.test(address)) {
      return {
        kind: 'unreachable',
        message: `The Relay URL "${clip(address, 60)}" is not an http:// or https:// address. Fix it in Settings.`,
      };
    }
  }
  return null;
}

/** Why `request` can't be sent to Runway, or null when it can; checked before any request, so no credits are spent. */
export function runwayRequestProblem(request: GenerationRequest): GenerationFailure | null {
  const model = runwayModel(request.model);
  if (model === null) {
    return badRequest(`Runway has no model "${clip(request.model, 40)}". Choose Gen-4 Image or Gen-4 Image Turbo in the panel.`);
  }
  const count = request.references.length;
  if (count < model.minReferences) {
    return badRequest(
      `${model.label} needs 1 to ${model.maxReferences} references, and none is selected. Select at least one layer ` +
        'to use as a reference, or switch to Gen-4 Image, which can work from the prompt alone.',
    );
  }
  if (count > model.maxReferences) {
    return badRequest(
      `Runway takes at most ${model.maxReferences} references, and ${count} are selected. Deselect ${count - model.maxReferences}.`,
    );
  }
  if (findRatio(model.ratios, request.ratio) === null) {
    return badRequest(`${model.label} has no ratio "${clip(request.ratio, 20)}". Pick one of the sizes the panel lists.`);
  }
  if (request.prompt.trim() === '') return badRequest('Write a prompt first: Runway needs 1 to 1000 characters.');
  if (request.prompt.length > MAX_PROMPT_LENGTH) {
    return badRequest(`The prompt has ${request.prompt.length} characters; Runway takes at most ${MAX_PROMPT_LENGTH}. Shorten it.`);
  }
  for (const [index, { tag }] of request.references.entries()) {
    const problem = tagProblem(tag);
    if (problem) return badRequest(`The tag "${clip(tag, 20)}" of reference ${index + 1} can't be sent: ${problem}`);
    if (request.references.findIndex((other) => sameTag(other.tag, tag)) < index) {
      return badRequest(`Two references are tagged "${tag}"; Runway needs each tag to be unique. Rename one.`);
    }
  }
  if (request.seed !== undefined && !isRunwaySeed(request.seed)) {
    return badRequest(`The seed must be a whole number from 0 to ${MAX_SEED}; ${String(request.seed)} is not.`);
  }
  return null;
}

/** True for a seed Runway takes: a whole number in 0–MAX_SEED, as the settings check it. */
export function isRunwaySeed(seed: number): boolean {
  return checkSeed(seed).ok;
}

/** Why a credential can't be sent, or null: fetch refuses a header holding a space, a line break or a non-Latin letter. */
export function runwayCredentialsProblem(credentials: RunwayCredentials): GenerationFailure | null {
  if (!isHeaderSafe(credentials.apiKey)) {
    return {
      kind: 'auth',
      message:
        'The saved Runway key contains characters a request header cannot carry (a space, a line break or a ' +
        'non-Latin letter). Open Settings and paste the key again.',
    };
  }
  if (credentials.relayToken !== undefined && !isHeaderSafe(credentials.relayToken)) {
    return {
      kind: 'auth',
      message: 'The saved relay token contains characters a request header cannot carry. Open Settings and paste it again.',
    };
  }
  return null;
}
