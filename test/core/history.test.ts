import { describe, expect, it } from 'vitest';
import {
  addEntry,
  fitBudget,
  historyStorageKey,
  MAX_HISTORY_ENTRIES,
  parseHistory,
  recordOf,
  replaceEntry,
  storedBytes,
  utf8Bytes,
} from '../../core/history';
import type { HistoryEntry } from '../../core/history';

/** An entry made at minute `minute` of one day, with a thumbnail of `thumbnailChars` characters. */
function entry(id: string, minute: number, thumbnailChars = 100): HistoryEntry {
  return {
    id,
    layerId: `1:${minute}`,
    prompt: `prompt ${id}`,
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    seed: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString(),
    imageHash: `hash-${id}`,
    thumbnail: 'A'.repeat(thumbnailChars),
    references: [{ tag: 'model', layerId: '1:1', layerName: 'Model' }],
    width: 1280,
    height: 720,
  };
}

describe('utf8Bytes and storedBytes', () => {
  it('count UTF-8 bytes like an encoder', () => {
    for (const text of ['', 'abc', 'é', '“cloth”', '😀 emoji', 'mixed ü€😀']) {
      expect(utf8Bytes(text), text).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('is what the key and the JSON of the list take', () => {
    const key = historyStorageKey('file-ü');
    for (const list of [[], [entry('a', 1)], [entry('a', 1), { ...entry('b', 2), prompt: 'é “x” 😀' }]]) {
      expect(storedBytes(key, list)).toBe(Buffer.byteLength(key + JSON.stringify(list), 'utf8'));
    }
  });
});

describe('addEntry and replaceEntry', () => {
  it('puts the new entry first and keeps at most 30, dropping the oldest', () => {
    let list: HistoryEntry[] = [];
    for (let minute = 0; minute < MAX_HISTORY_ENTRIES + 5; minute += 1) list = addEntry(list, entry(`e${minute}`, minute));
    expect(list).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(list[0]?.id).toBe('e34');
    expect(list.at(-1)?.id).toBe('e5');
  });

  it('replaces an entry of the same id instead of adding a second', () => {
    const list = addEntry(addEntry([], entry('a', 1)), entry('b', 2));
    expect(addEntry(list, { ...entry('a', 3) }).map((e) => e.id)).toEqual(['a', 'b']);
    expect(replaceEntry(list, { ...entry('a', 1), layerId: '9:9' }).map((e) => [e.id, e.layerId])).toEqual([
      ['b', '1:2'],
      ['a', '9:9'],
    ]);
    expect(replaceEntry(list, entry('zzz', 5))).toEqual(list);
  });
});

describe('parseHistory', () => {
  it('reads what was stored, newest first', () => {
    expect(parseHistory([entry('old', 1), entry('new', 9), entry('mid', 5)]).map((e) => e.id)).toEqual(['new', 'mid', 'old']);
  });

  it('leaves out entries it cannot read, and reads anything else as no history', () => {
    const good = entry('good', 1);
    const bad = [{ ...good, id: '' }, { ...good, width: 0 }, { ...good, seed: 5 }, { ...good, thumbnail: undefined }, null, 'entry'];
    expect(parseHistory([...bad, good])).toEqual([good]);
    for (const value of [undefined, null, 'x', { entries: [good] }]) expect(parseHistory(value)).toEqual([]);
  });

  it('keeps an entry whose reference is malformed, without that reference, as a layer record does', () => {
    const good = entry('good', 1);
    expect(parseHistory([{ ...good, references: [{ tag: 'x' }, ...good.references], extra: 'key' }])).toEqual([good]);
  });

  it('reads an upscale’s factor, and leaves out one Runway does not take', () => {
    const upscale = { ...entry('up', 2), upscaled: 4 as const };
    const [read, odd] = parseHistory([upscale, { ...entry('odd', 1), upscaled: 3 }]);
    expect(read).toEqual(upscale);
    expect(odd).toEqual(entry('odd', 1));
  });

  it('keeps at most 30', () => {
    const many = Array.from({ length: 40 }, (_, i) => entry(`e${i}`, i));
    expect(parseHistory(many)).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(parseHistory(many)[0]?.id).toBe('e39');
  });
});

describe('fitBudget', () => {
  const files = [
    { key: historyStorageKey('a'), entries: [entry('a3', 30, 1000), entry('a2', 20, 1000), entry('a1', 10, 1000)] },
    { key: historyStorageKey('b'), entries: [entry('b2', 25, 1000), entry('b1', 5, 1000)] },
  ];
  const total = files.reduce((sum, file) => sum + storedBytes(file.key, file.entries), 0);

  it('changes nothing within the budget', () => {
    expect(fitBudget(files, total)).toEqual(files);
  });

  it('drops the oldest entries first, whichever file holds them, until all fit', () => {
    const fitted = fitBudget(files, total - 1);
    expect(fitted.map((file) => file.entries.map((e) => e.id))).toEqual([['a3', 'a2', 'a1'], ['b2']]);
    const smaller = fitBudget(files, total - 2500);
    expect(smaller.map((file) => file.entries.map((e) => e.id))).toEqual([['a3', 'a2'], ['b2']]);
    for (const budget of [total - 1, total - 2500, 3000]) {
      const after = fitBudget(files, budget).reduce((sum, file) => sum + storedBytes(file.key, file.entries), 0);
      expect(after, `budget ${budget}`).toBeLessThanOrEqual(budget);
    }
  });

  it('keeps only as much as must go: the result is the most entries that fit, newest kept', () => {
    // Each entry is about 1.3 kB: two fit in 3000 bytes, one in 2000.
    expect(fitBudget(files, 3000).flatMap((file) => file.entries.map((e) => e.id))).toEqual(['a3', 'b2']);
    const fitted = fitBudget(files, 2000);
    expect(fitted.flatMap((file) => file.entries.map((e) => e.id))).toEqual(['a3']);
    expect(fitted.map((file) => file.key)).toEqual(files.map((file) => file.key));
  });

  it('empties every file when even the newest entry does not fit', () => {
    expect(fitBudget(files, 10).map((file) => file.entries)).toEqual([[], []]);
  });
});

describe('recordOf', () => {
  it('gives the generation record a layer placed again carries', () => {
    const e = { ...entry('a', 1), seed: '77' };
    expect(recordOf(e)).toEqual({
      prompt: e.prompt,
      ratio: e.ratio,
      references: e.references,
      provider: e.provider,
      model: e.model,
      seed: '77',
      createdAt: e.createdAt,
      target: { kind: 'new-layer' },
    });
  });
});
