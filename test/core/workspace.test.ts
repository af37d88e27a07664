import { describe, expect, it } from 'vitest';
import {
  EMPTY_WORKSPACE,
  MAX_SAVED_TAGS,
  parseDraft,
  parseWorkspace,
  savedTag,
  withDraft,
  withTag,
  workspacesToDrop,
  workspaceStorageKey,
} from '../../core/workspace';
import type { Draft } from '../../core/workspace';

const DRAFT: Draft = {
  prompt: '@model wearing @cloth',
  presetId: 'virtual-try-on',
  ratio: { model: 'runway-gen4-image', ratio: '832:1104' },
  variations: 2,
  seed: { text: '42', fixed: true },
};

describe('parseDraft', () => {
  it('reads a draft as the panel sends it, and nothing else of it', () => {
    expect(parseDraft(DRAFT)).toEqual(DRAFT);
    expect(parseDraft({ ...DRAFT, apiKey: 'sk-test-x' })).toEqual(DRAFT);
    expect(parseDraft({ ...DRAFT, ratio: null })).toEqual({ ...DRAFT, ratio: null });
  });

  it('keeps a prompt over the limit: it is still what the designer typed', () => {
    expect(parseDraft({ ...DRAFT, prompt: 'x'.repeat(1500) })?.prompt).toHaveLength(1500);
  });

  it.each([
    ['no object', 'draft'],
    ['a prompt that is no text', { ...DRAFT, prompt: 3 }],
    ['a huge prompt', { ...DRAFT, prompt: 'x'.repeat(5000) }],
    ['five variations', { ...DRAFT, variations: 5 }],
    ['a ratio without a model', { ...DRAFT, ratio: { ratio: '960:960' } }],
    ['a seed without its tick', { ...DRAFT, seed: { text: '1' } }],
  ])('is null for %s', (_, value) => {
    expect(parseDraft(value)).toBeNull();
  });
});

describe('tags', () => {
  it('saves, replaces and reads back a layer’s tag; a blank tag forgets it', () => {
    let workspace = withTag(EMPTY_WORKSPACE, '1:2', 'garment', 10);
    workspace = withTag(workspace, '1:3', 'model', 11);
    workspace = withTag(workspace, '1:2', 'cloth', 12);
    expect(workspace.tags).toEqual([
      ['1:3', 'model'],
      ['1:2', 'cloth'],
    ]);
    expect(savedTag(workspace, '1:2')).toBe('cloth');
    expect(workspace.savedAt).toBe(12);
    expect(savedTag(withTag(workspace, '1:2', '  ', 13), '1:2')).toBeNull();
  });

  it('keeps what was typed, even an invalid tag, cut to 64 characters', () => {
    expect(savedTag(withTag(EMPTY_WORKSPACE, '1:2', 'my tag', 1), '1:2')).toBe('my tag');
    expect(savedTag(withTag(EMPTY_WORKSPACE, '1:2', 'x'.repeat(500), 1), '1:2')).toHaveLength(64);
  });

  it('drops the oldest edits beyond MAX_SAVED_TAGS', () => {
    let workspace = EMPTY_WORKSPACE;
    for (let i = 0; i <= MAX_SAVED_TAGS; i += 1) workspace = withTag(workspace, `1:${i}`, `tag_${i}`, i);
    expect(workspace.tags).toHaveLength(MAX_SAVED_TAGS);
    expect(savedTag(workspace, '1:0')).toBeNull();
    expect(savedTag(workspace, `1:${MAX_SAVED_TAGS}`)).toBe(`tag_${MAX_SAVED_TAGS}`);
  });
});

describe('parseWorkspace', () => {
  it('reads back what was stored', () => {
    const workspace = withDraft(withTag(EMPTY_WORKSPACE, '1:2', 'cloth', 5), DRAFT, 6);
    expect(parseWorkspace(structuredClone(workspace))).toEqual(workspace);
  });

  it('leaves out what it cannot read', () => {
    expect(parseWorkspace(undefined)).toEqual(EMPTY_WORKSPACE);
    expect(parseWorkspace({ savedAt: 'x', draft: { prompt: 1 }, tags: [['1:2', 'ok'], ['1:3'], 'x', ['1:4', '']] })).toEqual({
      savedAt: 0,
      draft: null,
      tags: [['1:2', 'ok']],
    });
  });
});

describe('workspacesToDrop', () => {
  it('drops the oldest other workspaces so that at most `max` remain, never the one being written', () => {
    const stored = [
      { key: workspaceStorageKey('a'), savedAt: 3 },
      { key: workspaceStorageKey('b'), savedAt: 1 },
      { key: workspaceStorageKey('c'), savedAt: 2 },
      { key: workspaceStorageKey('d'), savedAt: 0 },
    ];
    expect(workspacesToDrop(stored, workspaceStorageKey('d'), 2)).toEqual([workspaceStorageKey('b'), workspaceStorageKey('c')]);
    expect(workspacesToDrop(stored, workspaceStorageKey('new'), 5)).toEqual([]);
  });
});
