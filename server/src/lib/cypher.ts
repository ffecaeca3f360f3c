import { DirectoryLabel, RelationshipType } from '@knotwork/graph-schema';

/**
 * The only values that may be interpolated into Cypher text. Everything else goes in as a $parameter.
 * Labels and relationship types cannot be parameters in Cypher 5, so these helpers check them against the
 * fixed allow-lists of graph-schema at run time and throw on anything else. The static test
 * `server/test/cypher-safety.int.test.ts` allows `${...}` in Cypher only around calls of `cypher*` helpers
 * and module-level string constants.
 */
const labels = new Set<string>([...DirectoryLabel.options, 'User', 'AuditEvent', 'OutboxEvent', 'Session']);
const relTypes = new Set<string>([...RelationshipType.options, 'IS', 'FOR']);

export function cypherLabel(label: string): string {
  if (!labels.has(label)) throw new Error(`refusing to put unknown label ${JSON.stringify(label)} into Cypher`);
  return label;
}

export function cypherRelType(type: string): string {
  if (!relTypes.has(type)) throw new Error(`refusing to put unknown relationship type ${JSON.stringify(type)} into Cypher`);
  return type;
}

/** A property name chosen by the code from a fixed list (e.g. a sort key). */
export function cypherProperty(name: string, allowed: readonly string[]): string {
  if (!allowed.includes(name) || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`refusing to put property ${JSON.stringify(name)} into Cypher`);
  }
  return name;
}

export function cypherDirection(descending: boolean): 'ASC' | 'DESC' {
  return descending ? 'DESC' : 'ASC';
}

/** The keyset comparison that goes with `cypherDirection`. */
export function cypherAfter(descending: boolean): '<' | '>' {
  return descending ? '<' : '>';
}

/**
 * A property map `{a: r[0], b: r[1], …}` reading positional row values, for property names checked against an
 * allow-list (the stored keys of a label): rows then travel as plain lists.
 */
export function cypherPositionalMap(names: readonly string[], allowed: readonly string[], row: 'r' | 'e', offset = 0): string {
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`refusing offset ${offset}`);
  return `{${names.map((name, i) => `${cypherProperty(name, allowed)}: ${row}[${i + offset}]`).join(', ')}}`;
}
