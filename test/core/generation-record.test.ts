import { describe, expect, it } from 'vitest';
import { generationParams, isReferenceRecord, parseGenerationRecord, parsePlaceTarget, recordedTarget } from '../../core/generation-record';

const CURRENT = {
  prompt: '@model wearing @cloth',
  ratio: '1280:720',
  references: [{ tag: 'model', layerId: '1:2', layerName: 'Model' }],
  provider: 'runway',
  model: 'gen4_image',
  seed: '4242',
  createdAt: '2025-01-02T03:04:05.678Z',
  target: { kind: 'selected-layer', nodeId: '4:5' },
};

describe('parseGenerationRecord: records as written', () => {
  it('reads a record of this version, seed included', () => {
    expect(parseGenerationRecord(JSON.stringify(CURRENT))).toEqual(CURRENT);
  });

  it('reads a record written before seeds were kept, with no seed', () => {
    const { seed: _, ...older } = CURRENT;
    expect(parseGenerationRecord(JSON.stringify(older))).toEqual({ ...CURRENT, seed: null });
  });

  it('reads a record written before targets were kept, or with a damaged one, as made into a new layer', () => {
    const { target: _, ...older } = CURRENT;
    expect(parseGenerationRecord(JSON.stringify(older))?.target).toEqual({ kind: 'new-layer' });
    for (const target of [{ kind: 'selected-layer' }, { kind: 'page', nodeId: '1:1' }, 'region', { kind: 'region', nodeId: '' }]) {
      expect(parseGenerationRecord(JSON.stringify({ ...CURRENT, target }))?.target).toEqual({ kind: 'new-layer' });
    }
    // Only the two fields of a target are kept.
    expect(parseGenerationRecord(JSON.stringify({ ...CURRENT, target: { kind: 'region', nodeId: '7:8', extra: 1 } }))?.target).toEqual({
      kind: 'region',
      nodeId: '7:8',
    });
  });

  it('reads a numeric seed as text and keeps null as null', () => {
    expect(parseGenerationRecord(JSON.stringify({ ...CURRENT, seed: 17 }))?.seed).toBe('17');
    expect(parseGenerationRecord(JSON.stringify({ ...CURRENT, seed: null }))?.seed).toBeNull();
  });

  it('leaves out malformed references and fields it does not know', () => {
    const text = JSON.stringify({ ...CURRENT, references: [CURRENT.references[0], { tag: 'cloth' }, 'x'], apiKey: 'sk-test-x' });
    expect(parseGenerationRecord(text)).toEqual(CURRENT);
  });
});

describe('parseGenerationRecord: what is no record', () => {
  it.each([
    ['empty plugin data', ''],
    ['text that is not JSON', '{prompt:'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a record without a prompt', JSON.stringify({ ...CURRENT, prompt: undefined })],
    ['a record whose model is a number', JSON.stringify({ ...CURRENT, model: 4 })],
  ])('is null for %s', (_, text) => {
    expect(parseGenerationRecord(text)).toBeNull();
  });
});

describe('the fields every generation shares', () => {
  it('takes exactly a generation’s fields from a request, so no key or image bytes reach a record', () => {
    const request = {
      ...CURRENT,
      references: [{ tag: 'model', layerId: '1:2', layerName: 'Model', bytes: new Uint8Array(3) }],
      apiKey: 'sk-never-kept',
      bytes: new Uint8Array(8),
    };
    const params = generationParams(request);
    expect(params).toEqual({
      prompt: '@model wearing @cloth',
      ratio: '1280:720',
      references: [{ tag: 'model', layerId: '1:2', layerName: 'Model' }],
      provider: 'runway',
      model: 'gen4_image',
      seed: '4242',
    });
    expect(JSON.stringify(params)).not.toContain('sk-never-kept');
  });

  it('tells a reference record from anything else', () => {
    expect(isReferenceRecord({ tag: 'model', layerId: '1:2', layerName: 'Model' })).toBe(true);
    for (const value of [null, 'model', { tag: 'model', layerId: '1:2' }, { tag: 1, layerId: '1:2', layerName: 'Model' }]) {
      expect(isReferenceRecord(value)).toBe(false);
    }
  });

  it('reads where an image goes, and records a placeholder as a new layer', () => {
    expect(parsePlaceTarget({ kind: 'new-layer', nodeId: 'ignored' })).toEqual({ kind: 'new-layer' });
    expect(parsePlaceTarget({ kind: 'region', nodeId: '3:4' })).toEqual({ kind: 'region', nodeId: '3:4' });
    for (const value of [null, { kind: 'selected-layer' }, { kind: 'page', nodeId: '1:1' }, { kind: 'placeholder', nodeId: '' }]) {
      expect(parsePlaceTarget(value)).toBeNull();
    }
    expect(recordedTarget({ kind: 'placeholder', nodeId: '5:6' })).toEqual({ kind: 'new-layer' });
    expect(recordedTarget({ kind: 'selected-layer', nodeId: '5:6' })).toEqual({ kind: 'selected-layer', nodeId: '5:6' });
  });
});
