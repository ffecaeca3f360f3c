import { convert } from 'html-to-text';

const MARKUP = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/**
 * Partner descriptions often arrive as HTML (ORUK feeds carry `<p>`, `<ul>`, `&amp;`): stored as text, as
 * everything else in Knotwork is (shown raw they read "&lt;p&gt;" in search). Text without markup is returned as
 * it is. Links keep their address in brackets; lists become "• " lines.
 */
export function toPlainText(value: string): { text: string; converted: boolean } {
  if (!MARKUP.test(value)) return { text: value, converted: false };
  const text = convert(value, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '• ' } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, converted: true };
}
