// The prepared-reference cache around a counting fake of prepareReferenceAsync: reselected unchanged layers (the
// same bytes again) are answered without a second preparation, a changed layer is prepared afresh, only the newest
// few are kept, and failures are never kept.
import { describe, expect, it } from 'vitest';
import type { PrepareOutcome, ReferenceSourceMime } from '../../../ui/image/prepare-reference';
import { cachePrepared, MAX_PREPARED_ENTRIES } from '../../../ui/image/prepared-cache';

interface Call {
  readonly bytes: Uint8Array;
  readonly mime: ReferenceSourceMime;
  readonly capEdge: boolean | undefined;
}

/** A fake preparation whose every outcome is new (its uri counts the calls), or what `answer` says. */
function fakePrepare(answer?: (call: Call) => Promise<PrepareOutcome>) {
  const calls: Call[] = [];
  const prepareAsync = (bytes: Uint8Array, mime: ReferenceSourceMime, capEdge?: boolean): Promise<PrepareOutcome> => {
    const call = { bytes, mime, capEdge };
    calls.push(call);
    if (answer) return answer(call);
    const uri = `data:image/jpeg;base64,call${calls.length}`;
    return Promise.resolve({ ok: true, reference: { uri, mime: 'image/jpeg', width: 1, height: 1, chars: uri.length } });
  };
  return { calls, prepareAsync };
}

/** Bytes standing for one layer's export; each `layer` gives other bytes of the same length. */
function exported(layer: number, length = 64): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + layer) % 256);
}

async function uriOf(outcome: Promise<PrepareOutcome>): Promise<string> {
  const settled = await outcome;
  if (!settled.ok) throw new Error(`expected a reference, got: ${settled.message}`);
  return settled.reference.uri;
}

describe('reuse', () => {
  it('answers the same bytes again, in a new array, with the same outcome and no second preparation', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    const first = await prepare(exported(1), 'image/png');
    const again = await prepare(exported(1), 'image/png');
    expect(again).toBe(first);
    expect(fake.calls).toHaveLength(1);
  });

  it('prepares once when the same bytes come again before the first preparation ends', async () => {
    let finish: (outcome: PrepareOutcome) => void = () => undefined;
    const fake = fakePrepare(() => new Promise((resolve) => (finish = resolve)));
    const prepare = cachePrepared(fake.prepareAsync);
    const first = prepare(exported(1), 'image/png');
    const second = prepare(exported(1), 'image/png');
    finish({ ok: true, reference: { uri: 'data:image/png;base64,AAAA', mime: 'image/png', width: 2, height: 2, chars: 26 } });
    expect(await second).toBe(await first);
    expect(fake.calls).toHaveLength(1);
  });

  it('passes mime and capEdge through, and keeps a layer and a file of the same bytes apart', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    await prepare(exported(1), 'image/png');
    await prepare(exported(1), 'image/png', true);
    await prepare(exported(1), 'image/jpeg');
    expect(fake.calls.map(({ mime, capEdge }) => [mime, capEdge])).toEqual([
      ['image/png', false],
      ['image/png', true],
      ['image/jpeg', false],
    ]);
  });
});

describe('a changed layer', () => {
  it('is prepared afresh when a single byte of its export differs', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    const before = await uriOf(prepare(exported(1), 'image/png'));
    const changed = exported(1);
    changed[40] = (changed[40] ?? 0) ^ 1;
    const after = await uriOf(prepare(changed, 'image/png'));
    expect(after).not.toBe(before);
    expect(fake.calls).toHaveLength(2);
  });

  it('is prepared afresh when its export grew or shrank', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    await prepare(exported(1, 64), 'image/png');
    await prepare(exported(1, 65), 'image/png');
    await prepare(exported(1, 63), 'image/png');
    expect(fake.calls).toHaveLength(3);
  });

  it('is not mistaken for the old one when the caller changes its array after the call', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    const bytes = exported(1);
    await prepare(bytes, 'image/png');
    bytes.fill(0);
    await prepare(bytes, 'image/png');
    await prepare(exported(1), 'image/png');
    expect(fake.calls).toHaveLength(2);
  });
});

describe('bounds', () => {
  it(`keeps ${MAX_PREPARED_ENTRIES} by default: a whole selection of cards is reused`, async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync);
    const layers = Array.from({ length: MAX_PREPARED_ENTRIES }, (_, i) => exported(i));
    for (const bytes of layers) await prepare(bytes, 'image/png');
    for (const bytes of layers) await prepare(bytes, 'image/png');
    expect(fake.calls).toHaveLength(MAX_PREPARED_ENTRIES);
  });

  it('forgets the least recently used one when a new one comes in over the bound', async () => {
    const fake = fakePrepare();
    const prepare = cachePrepared(fake.prepareAsync, 2);
    await prepare(exported(1), 'image/png');
    await prepare(exported(2), 'image/png');
    await prepare(exported(1), 'image/png'); // 1 is now the most recent
    await prepare(exported(3), 'image/png'); // pushes out 2
    expect(fake.calls).toHaveLength(3);
    await prepare(exported(1), 'image/png');
    await prepare(exported(3), 'image/png');
    expect(fake.calls).toHaveLength(3);
    await prepare(exported(2), 'image/png');
    expect(fake.calls).toHaveLength(4);
    expect(fake.calls[3]?.bytes).toEqual(exported(2));
  });
});

describe('failures', () => {
  it('does not keep a failed outcome: the next call tries again', async () => {
    let failing = true;
    const fake = fakePrepare(async () =>
      failing
        ? { ok: false, message: "the browser couldn't make a canvas" }
        : { ok: true, reference: { uri: 'data:image/png;base64,AAAA', mime: 'image/png', width: 1, height: 1, chars: 26 } },
    );
    const prepare = cachePrepared(fake.prepareAsync);
    expect(await prepare(exported(1), 'image/png')).toEqual({ ok: false, message: "the browser couldn't make a canvas" });
    failing = false;
    expect((await prepare(exported(1), 'image/png')).ok).toBe(true);
    expect(await prepare(exported(1), 'image/png')).toMatchObject({ ok: true });
    expect(fake.calls).toHaveLength(2);
  });

  it('does not keep a rejected preparation: the caller sees the rejection, the next call tries again', async () => {
    let rejecting = true;
    const fake = fakePrepare(async () => {
      if (rejecting) throw new Error('decoder crashed');
      return { ok: true, reference: { uri: 'data:image/png;base64,AAAA', mime: 'image/png', width: 1, height: 1, chars: 26 } };
    });
    const prepare = cachePrepared(fake.prepareAsync);
    await expect(prepare(exported(1), 'image/png')).rejects.toThrow('decoder crashed');
    rejecting = false;
    expect(await prepare(exported(1), 'image/png')).toMatchObject({ ok: true });
    expect(fake.calls).toHaveLength(2);
  });
});
