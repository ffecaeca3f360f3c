import { describe, expect, it } from 'vitest';
import { insightCsvUrl, parseAge } from './insights';

describe('insights age parameter', () => {
  it('parseAge: whole years 0–25 from the URL, anything else is "any age"', () => {
    expect(parseAge('0')).toBe(0);
    expect(parseAge('5')).toBe(5);
    expect(parseAge('25')).toBe(25);
    for (const bad of [null, '', '26', '-1', 'x', '2.5', ' 5', '100']) expect(parseAge(bad)).toBeUndefined();
  });

  it('the CSV link carries the age', () => {
    expect(insightCsvUrl('coverage', { asOf: '2026-06-01', age: 0 })).toBe('/api/insights/coverage?asOf=2026-06-01&age=0&format=csv&limit=1000');
    expect(insightCsvUrl('coverage', {})).toBe('/api/insights/coverage?format=csv&limit=1000');
  });
});
