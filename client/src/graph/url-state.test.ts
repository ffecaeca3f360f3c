import { describe, expect, it } from 'vitest';
import { DEFAULT_CAP, parseExplorerState, serialiseExplorerState } from './url-state';

describe('explorer URL state', () => {
  it('round-trips a full state', () => {
    const s = {
      focus: 'abc',
      depth: 2 as const,
      hideNodes: ['Locality'],
      hideEdges: ['SERVES', 'WITHIN'],
      asOf: '2024-06-30',
      cap: 300,
      view: 'list' as const,
      selected: 'def',
      expanded: ['x', 'y'],
    };
    expect(parseExplorerState(serialiseExplorerState(s))).toEqual(s);
  });

  it('writes nothing for defaults and rejects nonsense', () => {
    const p = new URLSearchParams('focus=a&depth=9&cap=-3&asOf=yesterday&view=weird');
    const s = parseExplorerState(p);
    expect(s).toMatchObject({ focus: 'a', depth: 1, cap: DEFAULT_CAP, asOf: null, view: 'graph' });
    expect(serialiseExplorerState(s).toString()).toBe('focus=a');
  });
});
