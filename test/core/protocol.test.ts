import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../core/place-into';
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
import { DEFAULT_SETTINGS } from '../../core/settings';

// Records that list every message type: the compiler refuses them if a type is added or removed
// without updating these, so the comparisons below check the runtime lists are complete.
const EVERY_MAIN_TO_UI: Record<keyof MainToUi, true> = {
  init: true,
  selection: true,
  'reference-image': true,
  'reference-failed': true,
  'settings-stored': true,
  placed: true,
  'place-failed': true,
  iterate: true,
  history: true,
  'quick-run': true,
  reserved: true,
  resume: true,
  'upscale-source': true,
  upscaled: true,
  'upscale-resume': true,
  'upscale-failed': true,
};
const EVERY_UI_TO_MAIN: Record<keyof UiToMain, true> = {
  'save-settings': true,
  'save-draft': true,
  'save-tag': true,
  place: true,
  reserve: true,
  'job-started': true,
  ended: true,
  'place-into': true,
  'open-history': true,
  'choose-target': true,
  layout: true,
  'reuse-history': true,
  'get-upscale-source': true,
  upscale: true,
  'revert-upscale': true,
  'upscale-job': true,
  'quick-done': true,
  'quick-failed': true,
};

/** One well-formed example of each UI → sandbox message. */
const UI_TO_MAIN_EXAMPLES: readonly Message<UiToMain>[] = [
  { type: 'save-settings', id: 1, patch: { apiKey: { provider: 'segmind', key: 'sk-test-123' } } },
  { type: 'save-settings', id: 2, patch: { relayUrl: 'http://127.0.0.1:8787', relayToken: null, seed: 42 } },
  { type: 'save-settings', id: 3, patch: { ratio: { model: 'runway-gen4-image', ratio: '1280:720' } } },
  {
    type: 'place',
    requestId: 7,
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    prompt: '@Model on the beach',
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [{ tag: 'Model', layerId: '1:2', layerName: 'Model' }],
    seed: '1234',
    target: { kind: 'region', nodeId: '4:5' },
    batch: { batchId: 7, index: 1, count: 3 },
  },
  {
    type: 'save-draft',
    draft: { prompt: 'a chair', presetId: 'social-promo', ratio: null, variations: 1, seed: { text: '42', fixed: true } },
  },
  { type: 'save-tag', layerId: '1:2', tag: 'hero' },
  {
    type: 'reserve',
    batchId: 4,
    count: 2,
    ratio: '1280:720',
    prompt: '@Model on the beach',
    provider: 'runway',
    model: 'gen4_image',
    references: [{ tag: 'Model', layerId: '1:2', layerName: 'Model' }],
    resumable: true,
  },
  { type: 'job-started', placeholderId: '9:1', jobId: 'task-1', seed: 42 },
  { type: 'ended', batch: { batchId: 3, index: 1, count: 2 }, placeholderId: '9:1' },
  { type: 'open-history', id: 'h-1' },
  { type: 'reuse-history', id: 'h-1' },
  { type: 'get-upscale-source' },
  { type: 'upscale', job: { layerId: '4:5', hash: 'abc', name: 'Hero', factor: 2 }, bytes: new Uint8Array([1, 2]) },
  { type: 'revert-upscale', layerId: '4:5', hash: 'def' },
  {
    type: 'upscale-job',
    job: { layerId: '4:5', hash: 'abc', name: 'Hero', factor: 2, jobId: 'task-9', width: 3840, height: 2160, startedAt: 1_700_000_000_000 },
  },
  { type: 'upscale-job', job: null },
  { type: 'place-into', mode: 'selected-layer' },
  { type: 'choose-target', layerId: '4:5' },
  { type: 'layout', width: 400, height: 680, historyOpen: true, final: true },
  { type: 'quick-done' },
  { type: 'quick-failed', message: 'Segmind refused the API key (401).' },
];

/** One well-formed example of each sandbox → UI message. */
const MAIN_TO_UI_EXAMPLES: readonly Message<MainToUi>[] = [
  { type: 'init', settings: { ...DEFAULT_SETTINGS, ratios: { 'runway-gen4-image': '960:960' } }, draft: null, layout: null },
  {
    type: 'init',
    settings: DEFAULT_SETTINGS,
    draft: {
      prompt: '@model',
      presetId: '',
      ratio: { model: 'runway-gen4-image', ratio: '960:960' },
      variations: 2,
      seed: { text: '', fixed: false },
    },
    layout: { width: 400, height: 680, historyOpen: true },
  },
  {
    type: 'selection',
    version: 3,
    layers: [{ id: '1:2', name: 'Model', width: 400, height: 600, savedTag: 'model', tagBase: 'Model' }],
    skipped: [],
    ...NO_TARGET,
  },
  {
    type: 'reference-image',
    version: 3,
    id: '1:2',
    bytes: new Uint8Array([0xff, 0xd8, 0xff]),
    mime: 'image/jpeg',
  },
  { type: 'reference-failed', version: 3, id: '1:2', message: 'Could not export "Model".' },
  { type: 'settings-stored', id: 1, settings: { ...DEFAULT_SETTINGS, apiKeys: { segmind: 'sk-test-123', runway: null } }, error: null },
  { type: 'placed', requestId: 7, nodeId: '5:6', name: 'Model on the beach' },
  { type: 'place-failed', requestId: 7, message: 'Figma refused the image.' },
  {
    type: 'iterate',
    found: true,
    prompt: '@Model on the beach',
    ratio: '1280:720',
    provider: 'runway',
    model: 'gen4_image',
    seed: '1234',
    placeInto: 'new-layer',
    tags: { '1:2': 'Model' },
    missing: [{ tag: 'cloth', layerName: 'Cloth', where: 'deleted' }],
  },
  { type: 'iterate', found: false, message: '“Photo” was not made by this plugin.' },
  { type: 'history', entries: [], notice: 'The image is no longer in this file; only its thumbnail is kept.' },
  { type: 'quick-run', prompt: '@Model on the beach' },
  { type: 'reserved', batchId: 4, placeholders: ['9:1', null] },
  {
    type: 'resume',
    runs: [
      {
        placeholderId: '9:1',
        provider: 'runway',
        model: 'gen4_image',
        ratio: '1280:720',
        prompt: '@Model on the beach',
        references: [{ tag: 'Model', layerId: '1:2', layerName: 'Model' }],
        jobId: 'task-1',
        jobSeed: 42,
        startedAt: 1_700_000_000_000,
      },
    ],
    interrupted: 1,
    expired: 0,
  },
  { type: 'upscale-source', layerId: '4:5', name: 'Hero', hash: 'abc', bytes: new Uint8Array([1]), upscaled: false },
  { type: 'upscaled', layerId: '4:5', hash: 'def', newLayer: false },
  {
    type: 'upscale-resume',
    job: { layerId: '4:5', hash: 'abc', name: 'Hero', factor: 2, jobId: 'task-9', width: 3840, height: 2160, startedAt: 1_700_000_000_000 },
  },
  { type: 'upscale-failed', layerId: null, message: 'Select one layer whose top fill is an image to upscale it.' },
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
    ['a string', 'save-settings'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', ['save-settings']],
    ['an empty object', {}],
    ['a Uint8Array', new Uint8Array([1, 2, 3])],
  ])('rejects %s', (_kind, data) => {
    expect(parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES)).toBeNull();
  });
});

describe('parseMessage — bad type field', () => {
  it.each([
    ['an unknown type', { type: 'delete-everything' }],
    ['a differently cased type', { type: 'Save-Settings', id: 1, patch: {} }],
    ['a number type', { type: 1 }],
    ['a null type', { type: null }],
    ['an array type', { type: ['save-settings'] }],
    ['an object type', { type: { toString: () => 'save-settings' } }],
    ['an Object.prototype name', { type: 'toString' }],
    ['"__proto__"', JSON.parse('{"type": "__proto__"}') as unknown],
    ['a message still wrapped in pluginMessage', { pluginMessage: { type: 'save-settings', id: 1, patch: {} } }],
  ])('rejects %s', (_kind, data) => {
    expect(parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES)).toBeNull();
  });

  it('rejects a type that belongs to the other direction', () => {
    expect(parseMessage<UiToMain>({ type: 'placed', requestId: 1, nodeId: '1:1', name: 'x' }, UI_TO_MAIN_TYPES)).toBeNull();
    expect(parseMessage<MainToUi>({ type: 'save-settings', id: 1, patch: {} }, MAIN_TO_UI_TYPES)).toBeNull();
  });

  it('accepts only the types it is given', () => {
    expect(parseMessage<UiToMain>({ type: 'save-settings', id: 1, patch: {} }, ['place'])).toBeNull();
    expect(parseMessage<UiToMain>({ type: 'save-settings', id: 1, patch: {} }, ['save-settings'])).toEqual({
      type: 'save-settings',
      id: 1,
      patch: {},
    });
    expect(parseMessage<UiToMain>({ type: 'save-settings', id: 1, patch: {} }, [])).toBeNull();
  });
});

describe('dispatch', () => {
  /** Handlers that record which one was called, with what. */
  function recordingHandlers(): { calls: [string, unknown][]; handlers: Handlers<UiToMain> } {
    const calls: [string, unknown][] = [];
    return {
      calls,
      handlers: {
        'save-settings': (message) => calls.push(['save-settings', message.id]),
        'save-draft': (message) => calls.push(['save-draft', message.draft.prompt]),
        'save-tag': (message) => calls.push(['save-tag', message.tag]),
        reserve: (message) => calls.push(['reserve', message.batchId]),
        'job-started': (message) => calls.push(['job-started', message.jobId]),
        ended: (message) => calls.push(['ended', message.placeholderId]),
        place: (message) => calls.push(['place', message.requestId]),
        'open-history': (message) => calls.push(['open-history', message.id]),
        'place-into': (message) => calls.push(['place-into', message.mode]),
        'choose-target': (message) => calls.push(['choose-target', message.layerId]),
        layout: (message) => calls.push(['layout', message.width]),
        'reuse-history': (message) => calls.push(['reuse-history', message.id]),
        'get-upscale-source': (message) => calls.push(['get-upscale-source', message]),
        upscale: (message) => calls.push(['upscale', message.job.layerId]),
        'revert-upscale': (message) => calls.push(['revert-upscale', message.layerId]),
        'upscale-job': (message) => calls.push(['upscale-job', message.job]),
        'quick-done': (message) => calls.push(['quick-done', message]),
        'quick-failed': (message) => calls.push(['quick-failed', message.message]),
      },
    };
  }

  it.each(UI_TO_MAIN_EXAMPLES.map((message) => [message.type, message] as const))('calls only the %s handler, once', (type, message) => {
    const { calls, handlers } = recordingHandlers();
    dispatch(handlers, message);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(type);
  });

  it('passes the message to its handler', () => {
    const { calls, handlers } = recordingHandlers();
    dispatch(handlers, { type: 'save-settings', id: 9, patch: { seed: null } });
    dispatch(handlers, { type: 'place', ...(UI_TO_MAIN_EXAMPLES[3] as UiToMain['place']), requestId: 8 });
    expect(calls).toEqual([
      ['save-settings', 9],
      ['place', 8],
    ]);
  });

  it('passes the very object it was given', () => {
    const seen: unknown[] = [];
    const message = MAIN_TO_UI_EXAMPLES.find((example) => example.type === 'placed');
    const handlers: Handlers<MainToUi> = {
      init: () => seen.push('wrong'),
      selection: () => seen.push('wrong'),
      'reference-image': () => seen.push('wrong'),
      'reference-failed': () => seen.push('wrong'),
      'settings-stored': () => seen.push('wrong'),
      placed: (m) => seen.push(m),
      'place-failed': () => seen.push('wrong'),
      iterate: () => seen.push('wrong'),
      history: () => seen.push('wrong'),
      'quick-run': () => seen.push('wrong'),
      reserved: () => seen.push('wrong'),
      resume: () => seen.push('wrong'),
      'upscale-source': () => seen.push('wrong'),
      upscaled: () => seen.push('wrong'),
      'upscale-resume': () => seen.push('wrong'),
      'upscale-failed': () => seen.push('wrong'),
    };
    expect(message?.type).toBe('placed');
    if (message) dispatch(handlers, message);
    expect(seen).toEqual([message]);
    expect(seen[0]).toBe(message);
  });

  it('works on what parseMessage returns (the sandbox’s receive path)', () => {
    const { calls, handlers } = recordingHandlers();
    for (const data of [
      { type: 'save-settings', id: 4, patch: {} },
      'noise',
      { type: 'unknown' },
      { type: 'save-settings', id: 5, patch: {} },
    ]) {
      const message = parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES);
      if (message) dispatch(handlers, message);
    }
    expect(calls).toEqual([
      ['save-settings', 4],
      ['save-settings', 5],
    ]);
  });
});
