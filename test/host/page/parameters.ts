// Quick-action parameters as Figma handles them: the manifest's `parameters` list, and figma.parameters' input
// events while a designer types one — the plugin answers each with suggestions or an error (setError is refused
// for a free-form parameter, as Figma documents: it can't hold the designer on a field they may fill freely).
import type { ParameterAnswer } from '../host-api';

/** One entry of manifest.json's `parameters`. */
export interface ManifestParameter {
  readonly name: string;
  readonly key: string;
  readonly allowFreeform: boolean;
  readonly optional: boolean;
}

/** manifest.json's `parameters` (none when absent); throws naming the entry that is wrong. */
export function readParameters(value: unknown): readonly ManifestParameter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error('manifest.json "parameters" must be a list');
  return value.map((entry: unknown, index) => {
    const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof fields.name !== 'string' || typeof fields.key !== 'string' || fields.key === '') {
      throw new Error(`manifest.json "parameters"[${index}] needs a "name" and a "key" (strings)`);
    }
    return { name: fields.name, key: fields.key, allowFreeform: fields.allowFreeform === true, optional: fields.optional === true };
  });
}

/** How long the host waits for the plugin to answer one input event: a limit, not an expectation. */
const ANSWER_LIMIT_MS = 5000;

type Handler = (event: unknown) => void;

function suggestionProblem(suggestions: unknown): string | null {
  if (!Array.isArray(suggestions)) return 'setSuggestions needs a list';
  const bad = suggestions.findIndex(
    (item: unknown) =>
      typeof item !== 'string' && (typeof item !== 'object' || item === null || typeof (item as { name?: unknown }).name !== 'string'),
  );
  return bad < 0 ? null : `setSuggestions: item ${bad} is neither a string nor {name, data?, icon?}`;
}

/** figma.parameters for one run. */
export class ParameterInput {
  readonly #handlers: { fn: Handler; once: boolean }[] = [];

  /** The `figma.parameters` object; `check` throws once the run has ended. */
  api(check: (api: string) => void): object {
    const list = (type: unknown, api: string): { fn: Handler; once: boolean }[] => {
      check(api);
      if (type !== 'input') throw new Error(`${api}: figma.parameters has only the "input" event, not ${JSON.stringify(type)}`);
      return this.#handlers;
    };
    const add = (type: unknown, fn: unknown, once: boolean, api: string): void => {
      const handlers = list(type, api);
      if (typeof fn !== 'function') throw new Error(`${api} needs a function`);
      handlers.push({ fn: fn as Handler, once });
    };
    return {
      on: (type: unknown, fn: unknown) => add(type, fn, false, 'figma.parameters.on'),
      once: (type: unknown, fn: unknown) => add(type, fn, true, 'figma.parameters.once'),
      off: (type: unknown, fn: unknown) => {
        const handlers = list(type, 'figma.parameters.off');
        const index = handlers.findIndex((handler) => handler.fn === fn);
        if (index >= 0) handlers.splice(index, 1);
      },
    };
  }

  /**
   * Fires one input event for `parameter` with `query` typed and `parameters` entered before it; resolves with the
   * plugin's first answer. `guard` runs plugin code as the session does (recording what it throws).
   */
  inputAsync(
    parameter: ManifestParameter,
    query: string,
    parameters: Readonly<Record<string, string>>,
    guard: (where: string, callback: () => unknown) => void,
  ): Promise<ParameterAnswer> {
    if (this.#handlers.length === 0) return Promise.reject(new Error('The plugin registered no figma.parameters input handler'));
    return new Promise((resolve, reject) => {
      let answered = false;
      const timer = window.setTimeout(
        () => reject(new Error(`The plugin answered no input event for "${parameter.key}" within ${ANSWER_LIMIT_MS} ms`)),
        ANSWER_LIMIT_MS,
      );
      const answer = (value: ParameterAnswer): void => {
        if (answered) return;
        answered = true;
        window.clearTimeout(timer);
        resolve(value);
      };
      const result = {
        setSuggestions(suggestions: unknown) {
          const problem = suggestionProblem(suggestions);
          if (problem !== null) throw new Error(problem);
          // Checked above: each item is a string or has a string name.
          const items = suggestions as (string | { readonly name: string })[];
          answer({ suggestions: items.map((item) => (typeof item === 'string' ? item : { ...item })) });
        },
        setError(message: unknown) {
          if (parameter.allowFreeform) throw new Error(`setError is not available for the free-form parameter "${parameter.key}"`);
          if (typeof message !== 'string') throw new Error('setError needs a message');
          answer({ error: message });
        },
        setLoadingMessage(message: unknown) {
          if (typeof message !== 'string') throw new Error('setLoadingMessage needs a message');
        },
      };
      const event = { key: parameter.key, query, parameters: { ...parameters }, result };
      for (const handler of [...this.#handlers]) {
        if (handler.once) this.#handlers.splice(this.#handlers.indexOf(handler), 1);
        guard("figma.parameters.on('input') handler", () => handler.fn(event));
      }
    });
  }
}
