import { describe, expect, it } from 'vitest';
import { actorName } from '../../../src/domain/comunicado.ts';

describe('the one display-name helper', () => {
  it.each<[string, { name?: string; userId: string }, string]>([
    ['the display name when the chat gave one', { name: 'Ana María Pérez', userId: 'U123' }, 'Ana María Pérez'],
    ['the user id when there is no name', { userId: 'U123' }, 'U123'],
    ['a Telegram numeric id as text', { userId: '987654321' }, '987654321'],
    ['an empty name is still the name the chat gave', { name: '', userId: 'U123' }, ''],
  ])('%s', (_name, actor, expected) => {
    expect(actorName(actor)).toBe(expected);
  });
});
