/**
 * Search highlights arrive as text that is HTML-escaped apart from `<mark>…</mark>`. Rather than inject HTML,
 * we split them into plain-text segments (entities decoded) and let React render them as text: nothing the
 * server or a record contains can become markup.
 */
export interface Segment {
  text: string;
  marked: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#34': '"' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (m, name: string) => {
    if (entities[name]) return entities[name]!;
    if (name.startsWith('#x')) {
      const cp = parseInt(name.slice(2), 16);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    if (name.startsWith('#')) {
      const cp = parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return m;
  });
}

export function highlightSegments(s: string): Segment[] {
  const out: Segment[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ text: decodeEntities(s.slice(last, m.index)), marked: false });
    out.push({ text: decodeEntities(m[1]!), marked: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: decodeEntities(s.slice(last)), marked: false });
  // Stray tags (unbalanced marks) are shown as nothing rather than as markup.
  return out
    .map((seg) => ({ ...seg, text: seg.text.replace(/<\/?mark>/g, '') }))
    .filter((seg) => seg.text.length > 0);
}
