import { describe, expect, it } from 'vitest';
import { LocalityTree } from './locality-tree.js';

//        county
//       /      \
//   north      south
//   /   \         \
// n-a   n-b       s-a          (and "elsewhere", in no tree with them)
const tree = new LocalityTree([
  { id: 'county', name: 'County', parents: [] },
  { id: 'north', name: 'North', parents: ['county'] },
  { id: 'south', name: 'South', parents: ['county'] },
  { id: 'n-a', name: 'North A', parents: ['north'] },
  { id: 'n-b', name: 'North B', parents: ['north'] },
  { id: 's-a', name: 'South A', parents: ['south'] },
  { id: 'elsewhere', name: 'Elsewhere', parents: [] },
]);

describe('LocalityTree', () => {
  it('measures steps through the nearest common ancestor', () => {
    expect(tree.distance('n-a', 'n-a')).toBe(0);
    expect(tree.distance('n-a', 'n-b')).toBe(2);
    expect(tree.distance('n-a', 's-a')).toBe(4);
    expect(tree.distance('n-a', 'elsewhere')).toBe(Infinity);
  });

  it('lists related localities outside an area in bands, nearest first, and leaves out unrelated ones', () => {
    const area = new Set(['n-a', 'north', 'county']);
    expect(tree.bandsAround('n-a', area).map((band) => band.sort())).toEqual([['n-b'], ['south'], ['s-a']]);
  });

  it('gives no bands when everything related is in the area', () => {
    expect(tree.bandsAround('elsewhere', new Set(['elsewhere']))).toEqual([]);
  });
});
