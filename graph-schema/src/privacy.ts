/**
 * Knotwork never stores anything that could identify a child. Collaboration summaries are free text, so they are
 * screened for the identifiers people most often type by habit. This is a guard rail, not a guarantee: the form
 * also tells people to describe the work, not the person.
 */
const checks: Array<{ reason: string; pattern: RegExp }> = [
  { reason: 'an email address', pattern: /[^\s@]+@[^\s@]+\.[a-z]{2,}/i },
  { reason: 'a phone number', pattern: /(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b/ },
  { reason: 'a postcode', pattern: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b/i },
  { reason: 'an NHS number or similar identifier', pattern: /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/ },
  { reason: 'a date of birth', pattern: /\b(?:born|d\.?o\.?b\.?|date of birth)\b/i },
  { reason: 'a full date that may be a birthday', pattern: /\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b/ },
  { reason: 'a person’s name after a title', pattern: /\b(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?\s+[A-Z][a-z'’-]+/ },
  { reason: 'a name (“called …”, “named …”)', pattern: /\b(?:called|named|name is|known as)\s+[A-Z][a-z'’-]+/ },
  { reason: 'a school year group with a name', pattern: /\b[A-Z][a-z]+\s+in\s+(?:Year|Yr)\s?\d{1,2}\b/ },
];

/** The reasons a text looks as if it identifies someone; empty when it does not. */
export function identifyingDetails(text: string): string[] {
  return checks.filter((c) => c.pattern.test(text)).map((c) => c.reason);
}

export function looksIdentifying(text: string): boolean {
  return identifyingDetails(text).length > 0;
}
