import { describe, expect, it } from 'vitest';
import { decodeEntities, highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('splits marked and plain text', () => {
    expect(highlightSegments('Speech and <mark>language</mark> therapy')).toEqual([
      { text: 'Speech and ', marked: false },
      { text: 'language', marked: true },
      { text: ' therapy', marked: false },
    ]);
  });

  it('never turns escaped or stray markup into markup', () => {
    const segs = highlightSegments('&lt;img src=x onerror=alert(1)&gt; <mark>a&amp;b</mark></mark>');
    expect(segs).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: 'a&b', marked: true },
    ]);
  });

  it('decodes numeric entities and leaves unknown ones alone', () => {
    expect(decodeEntities('&#39;&#x41;&nbsp;')).toBe("'A&nbsp;");
  });
});
