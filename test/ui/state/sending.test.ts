import { describe, expect, it } from 'vitest';
import { chooseSent, leftOutNotes, planSending } from '../../../ui/state/sending';
import type { ReferenceCard } from '../../../ui/state/references';

const READY = { state: 'ready', uri: 'data:image/jpeg;base64,AA==' } as const;

function card(id: string, tag: string): ReferenceCard {
  return { id, name: tag, tag, image: READY };
}

const [model, cloth, room, mug] = [card('1:1', 'model'), card('1:2', 'cloth'), card('1:3', 'room'), card('1:4', 'Mug')];
const ids = (cards: readonly ReferenceCard[]): string[] => cards.map((c) => c.tag);

describe('chooseSent', () => {
  it('sends every card when they fit, in panel order', () => {
    expect(ids(chooseSent([model, cloth], '@cloth on @model', 3).sent)).toEqual(['model', 'cloth']);
  });

  it('sends the cards the prompt names before unnamed ones, in panel order: a named @Mug is never dropped', () => {
    const { sent, left } = chooseSent([model, cloth, room, mug], 'a @mug on a table', 3);
    expect(ids(sent)).toEqual(['model', 'cloth', 'Mug']);
    expect(ids(left)).toEqual(['room']);
  });

  it('fills the rest in selection order after the named ones', () => {
    const { sent } = chooseSent([model, cloth, room, mug], '@room with @Mug', 3);
    expect(ids(sent)).toEqual(['model', 'room', 'Mug']);
  });

  it('puts added files before unnamed layers: they were added on purpose', () => {
    const file = card('file:1', 'Red_dress');
    expect(ids(chooseSent([model, cloth, room, file], 'a dress', 3).sent)).toEqual(['model', 'cloth', 'Red_dress']);
    expect(ids(chooseSent([model, cloth, room, file], '@room', 2).sent)).toEqual(['room', 'Red_dress']);
  });

  it('keeps the named cards in panel order when the prompt names more than the model takes', () => {
    const { sent, left } = chooseSent([model, cloth, room, mug], '@Mug @room @cloth @model', 3);
    expect(ids(sent)).toEqual(['model', 'cloth', 'room']);
    expect(ids(left)).toEqual(['Mug']);
  });

  it('sends nothing for a model that takes none', () => {
    expect(chooseSent([model], '@model', 0)).toEqual({ sent: [], left: [model] });
  });
});

describe('planSending', () => {
  it('checks the prompt against what is sent: a named card left out is "not sent", not unknown', () => {
    const { check } = planSending([model, cloth, room, mug], '@Mug @room @cloth @model @dog', 3);
    expect(check.unknownTags).toEqual(['dog']);
    expect(check.unsentTags).toEqual(['Mug']);
    expect(check.warnings).toEqual([
      '@dog is not the tag of any reference.',
      '@Mug is not sent: the prompt names more references than the model takes.',
    ]);
  });

  it('does not ask for a mention of a card that is not sent and not named', () => {
    const { check } = planSending([model, cloth, room, mug], '@model and @cloth', 3);
    expect(check.warnings).toEqual(['The prompt does not mention @room.']);
  });
});

describe('leftOutNotes', () => {
  it('says why each left-out card is not sent, and how to send it', () => {
    expect(leftOutNotes([mug], [], 3).get('1:4')).toBe('Not sent: the model takes 3 references. Mention @Mug in the prompt to send it.');
    expect(leftOutNotes([mug], ['mug'], 3).get('1:4')).toBe('Not sent: the model takes 3 references, and the prompt names more.');
    expect(leftOutNotes([mug], [], 1).get('1:4')).toMatch(/^Not sent: the model takes 1 reference\./);
  });
});
