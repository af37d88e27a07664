import { describe, expect, it } from 'vitest';
import {
  MAIN_TO_UI_TYPES,
  MAX_REFERENCES,
  UI_TO_MAIN_TYPES,
  dispatch,
  parseMessage,
  type Handlers,
  type MainToUi,
  type Message,
  type UiToMain,
} from '../../core/protocol';

// Records that list every message type: the compiler refuses them if a type is added or removed
// without updating these, so the comparisons below check the runtime lists are complete.
const EVERY_MAIN_TO_UI: Record<keyof MainToUi, true> = {
  init: true,
  selection: true,
  'reference-image': true,
  'reference-failed': true,
  'key-stored': true,
  placed: true,
  'place-failed': true,
};
const EVERY_UI_TO_MAIN: Record<keyof UiToMain, true> = { 'save-key': true, 'remove-key': true, 'save-ratio': true, place: true };

/** One well-formed example of each UI → sandbox message. */
const UI_TO_MAIN_EXAMPLES: readonly Message<UiToMain>[] = [
  { type: 'save-key', apiKey: 'sk-test-123' },
  { type: 'remove-key' },
  { type: 'save-ratio', ratio: '1280:720' },
  {
    type: 'place',
    requestId: 7,
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    prompt: '@Model on the beach',
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [{ tag: 'Model', layerId: '1:2', layerName: 'Model' }],
  },
];

/** One well-formed example of each sandbox → UI message. */
const MAIN_TO_UI_EXAMPLES: readonly Message<MainToUi>[] = [
  { type: 'init', apiKey: null, ratio: '960:960' },
  { type: 'selection', version: 3, layers: [{ id: '1:2', name: 'Model', width: 400, height: 600 }], skipped: [] },
  { type: 'reference-image', version: 3, id: '1:2', bytes: new Uint8Array([0xff, 0xd8, 0xff]), mime: 'image/jpeg', width: 400, height: 600 },
  { type: 'reference-failed', version: 3, id: '1:2', message: 'Could not export "Model".' },
  { type: 'key-stored', apiKey: 'sk-test-123', error: null },
  { type: 'placed', requestId: 7, nodeId: '5:6', name: 'Model on the beach' },
  { type: 'place-failed', requestId: 7, message: 'Figma refused the image.' },
];

describe('message type lists', () => {
  it('list every sandbox → UI type once', () => {
    expect([...MAIN_TO_UI_TYPES].sort()).toEqual(Object.keys(EVERY_MAIN_TO_UI).sort());
    expect(new Set(MAIN_TO_UI_TYPES).size).toBe(MAIN_TO_UI_TYPES.length);
  });
  it('list every UI → sandbox type once', () => {
    expect([...UI_TO_MAIN_TYPES].sort()).toEqual(Object.keys(EVERY_UI_TO_MAIN).sort());
    expect(new Set(UI_TO_MAIN_TYPES).size).toBe(UI_TO_MAIN_TYPES.length);
  });
  it('share no type name between the directions', () => {
    expect(MAIN_TO_UI_TYPES.filter((type) => (UI_TO_MAIN_TYPES as readonly string[]).includes(type))).toEqual([]);
  });
  it('cap references at three (CONTRACTS §2)', () => {
    expect(MAX_REFERENCES).toBe(3);
  });
});

describe('parseMessage — known types', () => {
  it.each(UI_TO_MAIN_EXAMPLES.map((message) => [message.type, message] as const))(
    'accepts UI → sandbox %s, returning the message itself',
    (_type, message) => {
      expect(parseMessage<UiToMain>(message, UI_TO_MAIN_TYPES)).toBe(message);
    },
  );

  it.each(MAIN_TO_UI_EXAMPLES.map((message) => [message.type, message] as const))(
    'accepts sandbox → UI %s, returning the message itself',
    (_type, message) => {
      expect(parseMessage<MainToUi>(message, MAIN_TO_UI_TYPES)).toBe(message);
    },
  );

  it('keeps Uint8Array bytes intact', () => {
    const parsed = parseMessage<UiToMain>(UI_TO_MAIN_EXAMPLES[3], UI_TO_MAIN_TYPES);
    expect(parsed?.type).toBe('place');
    if (parsed?.type === 'place') expect([...parsed.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('parseMessage — not messages', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'save-key'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', ['save-key']],
    ['an empty object', {}],
    ['a Uint8Array', new Uint8Array([1, 2, 3])],
  ])('rejects %s', (_kind, data) => {
    expect(parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES)).toBeNull();
  });
});

describe('parseMessage — bad type field', () => {
  it.each([
    ['an unknown type', { type: 'delete-everything' }],
    ['a differently cased type', { type: 'Save-Key', apiKey: 'sk-test-1' }],
    ['a number type', { type: 1 }],
    ['a null type', { type: null }],
    ['an array type', { type: ['save-key'] }],
    ['an object type', { type: { toString: () => 'save-key' } }],
    ['an Object.prototype name', { type: 'toString' }],
    ['"__proto__"', JSON.parse('{"type": "__proto__"}') as unknown],
    ['a message still wrapped in pluginMessage', { pluginMessage: { type: 'save-key', apiKey: 'sk-test-1' } }],
  ])('rejects %s', (_kind, data) => {
    expect(parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES)).toBeNull();
  });

  it('rejects a type that belongs to the other direction', () => {
    expect(parseMessage<UiToMain>({ type: 'placed', requestId: 1, nodeId: '1:1', name: 'x' }, UI_TO_MAIN_TYPES)).toBeNull();
    expect(parseMessage<MainToUi>({ type: 'save-key', apiKey: 'sk-test-1' }, MAIN_TO_UI_TYPES)).toBeNull();
  });

  it('accepts only the types it is given', () => {
    expect(parseMessage<UiToMain>({ type: 'save-key', apiKey: 'sk-test-1' }, ['remove-key'])).toBeNull();
    expect(parseMessage<UiToMain>({ type: 'remove-key' }, ['remove-key'])).toEqual({ type: 'remove-key' });
    expect(parseMessage<UiToMain>({ type: 'remove-key' }, [])).toBeNull();
  });
});

describe('dispatch', () => {
  /** Handlers that record which one was called, with what. */
  function recordingHandlers(): { calls: [string, unknown][]; handlers: Handlers<UiToMain> } {
    const calls: [string, unknown][] = [];
    return {
      calls,
      handlers: {
        'save-key': (message) => calls.push(['save-key', message.apiKey]),
        'remove-key': (message) => calls.push(['remove-key', message.type]),
        'save-ratio': (message) => calls.push(['save-ratio', message.ratio]),
        place: (message) => calls.push(['place', message.requestId]),
      },
    };
  }

  it.each(UI_TO_MAIN_EXAMPLES.map((message) => [message.type, message] as const))(
    'calls only the %s handler, once',
    (type, message) => {
      const { calls, handlers } = recordingHandlers();
      dispatch(handlers, message);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.[0]).toBe(type);
    },
  );

  it('passes the message to its handler', () => {
    const { calls, handlers } = recordingHandlers();
    dispatch(handlers, { type: 'save-ratio', ratio: '1584:672' });
    dispatch(handlers, { type: 'save-key', apiKey: 'sk-test-abc' });
    expect(calls).toEqual([
      ['save-ratio', '1584:672'],
      ['save-key', 'sk-test-abc'],
    ]);
  });

  it('passes the very object it was given', () => {
    const seen: unknown[] = [];
    const message = MAIN_TO_UI_EXAMPLES[5];
    const handlers: Handlers<MainToUi> = {
      init: () => seen.push('wrong'),
      selection: () => seen.push('wrong'),
      'reference-image': () => seen.push('wrong'),
      'reference-failed': () => seen.push('wrong'),
      'key-stored': () => seen.push('wrong'),
      placed: (m) => seen.push(m),
      'place-failed': () => seen.push('wrong'),
    };
    expect(message?.type).toBe('placed');
    if (message) dispatch(handlers, message);
    expect(seen).toEqual([message]);
    expect(seen[0]).toBe(message);
  });

  it('works on what parseMessage returns (the sandbox’s receive path)', () => {
    const { calls, handlers } = recordingHandlers();
    for (const data of [{ type: 'remove-key' }, 'noise', { type: 'unknown' }, { type: 'save-ratio', ratio: '960:960' }]) {
      const message = parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES);
      if (message) dispatch(handlers, message);
    }
    expect(calls).toEqual([
      ['remove-key', 'remove-key'],
      ['save-ratio', '960:960'],
    ]);
  });
});
