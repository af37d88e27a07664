// The panel's words for a setting the rules refuse (core/settings.ts's SettingsProblem). Only the panel imports
// this: the sandbox checks with the same rules and answers with the fact.
import { MAX_COST_LIMIT, MAX_SEED, MAX_VARIATIONS } from './settings';
import type { SettingsProblem } from './settings';

const article = (name: string): string => (name === 'API key' ? 'an' : 'a');
const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** What to tell the designer about `problem`; never quotes what was typed (it may be a secret). */
export function settingsProblemText(problem: SettingsProblem): string {
  switch (problem.code) {
    case 'not-text':
      return `The ${problem.name} must be text.`;
    case 'too-long':
      return `That is ${problem.length} characters long, too long for ${article(problem.name)} ${problem.name}: check what was pasted.`;
    case 'spaces':
      return `${capitalised(article(problem.name))} ${problem.name} has no spaces or line breaks.`;
    case 'not-ascii':
      return `${capitalised(article(problem.name))} ${problem.name} holds only Latin letters, digits and punctuation.`;
    case 'relay-scheme':
      return 'The relay URL starts with https://, like https://relay.example.com.';
    case 'relay-credentials':
      return 'The relay URL holds no user name or password: the token goes in Relay token.';
    case 'relay-query':
      return 'The relay URL has no ?query or #fragment.';
    case 'relay-host':
      return 'The relay URL’s host or port is not valid.';
    case 'relay-path':
      return 'Paste the relay’s base address, without /segmind or /runway.';
    case 'relay-http':
      return 'Use https:// for a relay on another computer: http is unencrypted (fine for localhost and 127.0.0.1).';
    case 'seed':
      return `A seed is a whole number from 0 to ${MAX_SEED}.`;
    case 'variations':
      return `Variations are a whole number from 1 to ${MAX_VARIATIONS}.`;
    case 'cost-limit':
      return `A cost limit is a number of credits above 0 and at most ${MAX_COST_LIMIT}.`;
    case 'provider':
      return 'Choose Segmind or Runway as the provider.';
    case 'key-provider':
      return 'The API key change names no provider: please report it.';
    case 'model':
      return 'That model is not one the provider offers.';
    case 'ratio':
      return 'That aspect ratio is not one the model offers.';
    case 'unreadable':
      return 'The settings change is not readable: please report it.';
    case 'unknown-field':
      return `“${problem.field}” is not a setting: please report it.`;
  }
}
