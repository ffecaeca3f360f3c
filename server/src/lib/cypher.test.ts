import { describe, expect, it } from 'vitest';
import { cypherAfter, cypherDirection, cypherLabel, cypherProperty, cypherRelType } from './cypher.js';

describe('Cypher allow-list helpers', () => {
  it('pass known labels and relationship types through unchanged', () => {
    expect(cypherLabel('Practitioner')).toBe('Practitioner');
    expect(cypherLabel('User')).toBe('User');
    expect(cypherRelType('HAS_SPECIALISM')).toBe('HAS_SPECIALISM');
  });

  it('throw on anything else, including injection attempts and case variants', () => {
    for (const bad of ['practitioner', 'Practitioner) DETACH DELETE (n', 'Practitioner:Admin', '', 'Migration']) {
      expect(() => cypherLabel(bad)).toThrow(/refusing/);
    }
    for (const bad of ['knows', 'KNOWS]->() DELETE r //', 'RELATED']) expect(() => cypherRelType(bad)).toThrow(/refusing/);
  });

  it('allow only listed, plain property names and the two sort directions', () => {
    expect(cypherProperty('name', ['name', 'createdAt'])).toBe('name');
    expect(() => cypherProperty('passwordHash', ['name'])).toThrow();
    expect(() => cypherProperty('na me', ['na me'])).toThrow();
    expect([cypherDirection(false), cypherDirection(true), cypherAfter(false), cypherAfter(true)]).toEqual(['ASC', 'DESC', '>', '<']);
  });
});
