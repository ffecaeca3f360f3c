import { describe, expect, it } from 'vitest';
import { understand } from './situation.js';

describe('situation matcher', () => {
  it('maps an everyday phrase and an age word to a need and an age band', () => {
    const u = understand('toddler not talking')!;
    expect(u.needs.map((n) => n.label)).toEqual(['speech and language delay']);
    expect(u.age).toMatchObject({ code: 'toddler', min: 1, max: 3 });
    expect(u.text).toBe('speech and language delay');
  });

  it('handles apostrophes, filler words and a typo', () => {
    expect(understand("my son won't speak at school")!.needs.map((n) => n.label)).toEqual([
      'not speaking in some settings',
    ]);
    expect(understand('keeps runing away')!.needs.map((n) => n.label)).toEqual(['going missing']);
    expect(understand('dad in prison')!.needs.map((n) => n.label)).toEqual(['several needs in the family']);
    expect(understand('low mood teenager')!).toMatchObject({
      needs: [{ label: 'low mood' }],
      age: { code: 'teenager' },
    });
  });

  it('knows safeguarding roles by their initials', () => {
    expect(understand('DSL')!.specialisms.map((s) => s.label)).toEqual(['Designated safeguarding lead']);
    expect(understand('LADO')!.specialisms.map((s) => s.label)).toEqual(['Child protection']);
    expect(understand('VSH')!.specialisms.map((s) => s.label)).toContain('Virtual school and personal education plans');
  });

  it('prefers the longest phrase and keeps words it did not understand', () => {
    const u = understand('lonely mum in Northfield')!;
    expect(u.needs.map((n) => n.label)).toEqual(['isolated family']);
    expect(u.rest).toEqual(['northfield']);
    expect(u.text).toBe('isolated family northfield');
  });

  it('drops what the user removed, and understands nothing in a plain query', () => {
    const u = understand('toddler not talking', ['speech-and-language-delay'])!;
    expect(u.needs).toEqual([]);
    expect(u.age?.code).toBe('toddler');
    expect(understand('toddler not talking', ['toddler'])!.age).toBeNull();
    expect(understand('speech and language therapy')).toBeNull();
    expect(understand('SALT')).toBeNull();
    expect(understand('')).toBeNull();
  });
});
