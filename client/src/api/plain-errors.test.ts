import { describe, expect, it } from 'vitest';
import { plainField, plainFieldMessage, plainValidation } from './plain-errors';

describe('plainFieldMessage', () => {
  it('says the API’s validation messages in words', () => {
    expect(plainFieldMessage('Too big: expected number to be <=25')).toBe('must be 25 or less');
    expect(plainFieldMessage('Too small: expected number to be >=0')).toBe('must be 0 or more');
    expect(plainFieldMessage('must be at most 200 characters')).toBe('is too long: at most 200 characters');
    expect(plainFieldMessage('Too big: expected string to have <=120 characters')).toBe(
      'is too long: at most 120 characters',
    );
    expect(plainFieldMessage('Invalid UUID')).toBe('does not point to a record');
    expect(plainFieldMessage('must be a UUID')).toBe('does not point to a record');
    expect(plainFieldMessage('Invalid email address')).toBe('is not an email address');
    expect(plainFieldMessage('Too small: expected string to have >=1 characters')).toBe('is needed');
  });

  it('keeps a message that is already plain', () => {
    expect(plainFieldMessage('Email or password is not right')).toBe('Email or password is not right');
  });
});

describe('plainField', () => {
  it('tells where a field was and names it', () => {
    expect(plainField('params.id')).toEqual({ where: 'address', name: 'The id' });
    expect(plainField('querystring.q')).toEqual({ where: 'query', name: 'The search' });
    expect(plainField('query.age')).toEqual({ where: 'query', name: 'The age of the child' });
    expect(plainField('body.needs.0')).toEqual({ where: 'body', name: 'A chosen need' });
    expect(plainField('ageRange.min')).toEqual({ where: 'body', name: 'The age range' });
  });
});

describe('plainValidation', () => {
  it('explains a bad link rather than a UUID', () => {
    expect(plainValidation([{ field: 'params.id', message: 'must be a UUID' }])).toMatch(
      /^This link does not point to a record/,
    );
  });

  it('names each field once, in words', () => {
    expect(
      plainValidation([
        { field: 'querystring.q', message: 'must be at most 200 characters' },
        { field: 'querystring.age', message: 'Too big: expected number to be <=25' },
      ]),
    ).toBe('The search is too long: at most 200 characters. The age of the child must be 25 or less.');
    expect(
      plainValidation([
        { field: 'body.needs.0', message: 'Invalid UUID' },
        { field: 'body.needs.1', message: 'Invalid UUID' },
      ]),
    ).toBe('A chosen need does not point to a record.');
  });
});
