/**
 * The API's validation messages are written for developers ("params.id: must be a UUID", "Too big: expected number
 * to be <=25"). These turn them into words a practitioner can act on; the field itself is named by the form around it.
 */

const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/Too big: expected number to be <=?\s*(-?\d+(?:\.\d+)?)/i, (m) => `must be ${m[1]} or less`],
  [/Too small: expected number to be >=?\s*(-?\d+(?:\.\d+)?)/i, (m) => `must be ${m[1]} or more`],
  [/Too big: expected string to have <=?\s*(\d+) characters?/i, (m) => `is too long: at most ${m[1]} characters`],
  [/Too small: expected string to have >=?\s*1 characters?/i, () => 'is needed'],
  [/Too small: expected string to have >=?\s*(\d+) characters?/i, (m) => `is too short: at least ${m[1]} characters`],
  [/Too big: expected array to have <=?\s*(\d+) items?/i, (m) => `can have at most ${m[1]}`],
  [/Too small: expected array to have >=?\s*1 items?/i, () => 'needs at least one'],
  [/must be at most (\d+) characters/i, (m) => `is too long: at most ${m[1]} characters`],
  [/must be (?:a )?UUID|Invalid UUID/i, () => 'does not point to a record'],
  [/Invalid email/i, () => 'is not an email address'],
  [/Invalid (?:ISO )?(?:date|datetime)/i, () => 'is not a date'],
  [/expected number, received (?:NaN|string)/i, () => 'must be a number'],
  [/expected int(?:eger)?, received (?:number|float)/i, () => 'must be a whole number'],
  [/Invalid (?:option|enum value)/i, () => 'is not one of the choices'],
  [/Required|expected \w+, received undefined/i, () => 'is needed'],
];

/** One validation message in plain words ("must be 25 or less"); an already plain message is kept. */
export function plainFieldMessage(message: string): string {
  for (const [re, say] of rules) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}

/** Names of request fields a user meets outside a form (search box, filters, the address bar). */
const fieldNames: Record<string, string> = {
  q: 'The search',
  age: 'The age of the child',
  locality: 'The locality',
  language: 'The language',
  limit: 'The number of results',
  offset: 'The page of results',
  needs: 'A chosen need',
  email: 'The email',
  password: 'The password',
};

/** Where a field of a request was, and its name in words: "params.id" → the address, "query.age" → "The age of the child". */
export function plainField(field: string): { where: 'address' | 'query' | 'body'; name: string } {
  const [head, ...rest] = field.split('.');
  const where = head === 'params' ? 'address' : head === 'query' || head === 'querystring' ? 'query' : 'body';
  const key = (where === 'body' && head !== 'body' ? [head!, ...rest] : rest).filter((p) => !/^\d+$/.test(p))[0] ?? '';
  return {
    where,
    name: fieldNames[key] ?? (key ? `The ${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}` : 'A value'),
  };
}

/** A whole validation failure as one or more plain sentences, for pages that have no form field to put them beside. */
export function plainValidation(details: { field: string; message: string }[]): string {
  if (details.some((d) => plainField(d.field).where === 'address')) {
    return 'This link does not point to a record: it may be mistyped or cut short.';
  }
  const sentences = details.map((d) => `${plainField(d.field).name} ${plainFieldMessage(d.message)}.`);
  return [...new Set(sentences)].join(' ');
}
