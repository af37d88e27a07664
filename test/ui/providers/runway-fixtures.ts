// What the tests of the Runway modules share: a key and a token of the right shape, the relay's mirrors, a fixed
// time, a request with two references, and answers as the classification reads them.
import type { GenerationRequest } from '../../../ui/providers/provider';
import type { TaskContext } from '../../../ui/providers/runway-task';

export const KEY = `key_${'7e57'.repeat(32)}`;
export const TOKEN = 'relay-token-test-5c1f';
export const BASE = 'http://127.0.0.1:8787/runway';
export const OUTPUT_BASE = 'http://127.0.0.1:8787/runway-output';
export const NOW = Date.UTC(2030, 0, 2, 14, 0, 0);

export const REQUEST: GenerationRequest = {
  model: 'gen4_image',
  prompt: 'Put @jacket on @model, studio light',
  ratio: '1920:1080',
  references: [
    { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
    { uri: 'https://example.com/model.png', tag: 'model' },
  ],
};
export const CONTEXT: TaskContext = { outputBase: OUTPUT_BASE, tags: ['jacket', 'model'], attempt: 1 };

/** Case-insensitive headers like fetch's. */
export function headers(values: Record<string, string> = {}) {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

export const answer = (status: number, body: unknown = '', extra: Record<string, string> = {}) => ({
  status,
  headers: headers(extra),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

export const constant = (value: number) => () => value;
