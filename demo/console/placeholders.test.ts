import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './placeholders';

describe('saved reply placeholders', () => {
  it("fills in the visitor's name and the agent's, and leaves out a name nobody gave", () => {
    expect(fillPlaceholders('Hei {name}, olen {agent}. Miten voin auttaa?', { name: 'Matti', agent: 'Aino' })).toBe('Hei Matti, olen Aino. Miten voin auttaa?');
    expect(fillPlaceholders('Hei {name}, olen {agent}.', { agent: 'Aino' })).toBe('Hei, olen Aino.');
    expect(fillPlaceholders('Hi {name}!', { name: '  ' })).toBe('Hi!');
    expect(fillPlaceholders('{name}: {other} stays', { name: 'Matti' })).toBe('Matti: {other} stays');
  });
});
