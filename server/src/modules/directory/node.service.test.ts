import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './node.service.js';

describe('list cursors', () => {
  it('round-trip and are opaque', () => {
    const c = encodeCursor('-name', 'zoë o’brien', '5b0c3c1e-0000-4000-8000-000000000000');
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, '-name')).toEqual({ key: 'zoë o’brien', id: '5b0c3c1e-0000-4000-8000-000000000000' });
  });

  it('are refused for another sort order or when forged, naming the parameter', () => {
    const c = encodeCursor('name', 'a', 'b');
    expect(() => decodeCursor(c, 'createdAt')).toThrow(/^querystring\.cursor: belongs to another sort order/);
    for (const bad of ['abc', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2,3]').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'name')).toThrow(/^querystring\.cursor: is not a cursor/);
    }
  });
});

describe('reading nodes written outside the API', () => {
  it('fills missing fields with defaults and replaces values the output schema rejects', async () => {
    const { toNodeRecord } = await import('./node.repository.js');
    const p = toNodeRecord('Practitioner', {
      id: '5b0c3c1e-0000-4000-8000-000000000000',
      name: 'Old record',
      profession: 'teacher',
      phone: '0161 123 4567 ext. 12',
      ageMin: 3,
      ageMax: 11,
      createdAt: '2020-01-01T00:00:00.000Z',
      updatedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(p).toMatchObject({ phone: null, capacity: 'open', languages: ['English'], ageRange: { min: 3, max: 11 }, lastVerifiedAt: null, phoneVisibility: 'signed-in' });
  });
});
