import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPEN_AGE } from '@knotwork/graph-schema';
import { describe, expect, it } from 'vitest';
import { decodeSynonyms, nodeToCells, relationshipColumns } from './csv-format.js';
import { parseCsv, planKnotworkCsv } from './csv-import.js';
import { toGraphml } from './export.js';
import { ImportFormatError } from './import-plan.js';
import { planOhanaCsv } from './ohana.js';
import { parseJsonStrict, planOrukJson } from './oruk.js';
import { parseAgeLimits, servedAges, TaxonomyMatcher } from './taxonomy-match.js';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');
const readDir = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('CSV format', () => {
  it('encodes synonyms with professions and lists with ;', () => {
    const cells = nodeToCells('Specialism', { id: 'x', name: 'Speech and language therapy', domain: 'communication', description: '', synonyms: [{ term: 'SALT', profession: 'teacher' }, { term: 'speech therapy' }], source: 'seed' });
    expect(cells[4]).toBe('SALT|teacher;speech therapy');
    expect(decodeSynonyms('SALT|teacher; speech therapy')).toEqual([{ term: 'SALT', profession: 'teacher' }, { term: 'speech therapy' }]);
    expect(relationshipColumns('SERVES')).toEqual(['from', 'to', 'fromLabel']);
    expect(relationshipColumns('HAS_SPECIALISM')).toEqual(['from', 'to', 'level', 'since']);
  });

  it('reports the line where a malformed record starts', () => {
    expect(parseCsv('a.csv', 'id,name\n1,"multi\nline"\n2,ok\n').records.map((r) => r.line)).toEqual([2, 4]);
    const err = (() => {
      try {
        parseCsv('a.csv', 'id,name\n1,ok\n2,too,many\n');
      } catch (e) {
        return e as ImportFormatError;
      }
    })();
    expect(err).toBeInstanceOf(ImportFormatError);
    expect(err!.errors[0]).toMatchObject({ file: 'a.csv', line: 3 });
  });

  it('rejects unknown files and invalid rows without throwing', () => {
    const plan = planKnotworkCsv({ 'Spaceships.csv': 'id\n', 'Need.csv': 'name,domain\nhunger,housing-and-money\nx,nowhere\n' }, 'test');
    expect(plan.nodes).toHaveLength(1);
    expect(plan.rejected).toEqual([
      expect.objectContaining({ file: 'Spaceships.csv' }),
      expect.objectContaining({ file: 'Need.csv', line: 3, field: 'domain' }),
    ]);
  });
});

describe('thesaurus matching and age limits', () => {
  it('matches taxonomy terms to specialisms by name, synonym or the same words', () => {
    const m = new TaxonomyMatcher([{ id: 'i', name: 'Interpreting and translation', terms: ['language line'] }]);
    expect(m.match('Translation & Interpretation')).toBe('i');
    expect(m.match('LANGUAGE LINE')).toBe('i');
    expect(m.match('Legal')).toBeUndefined();
  });
  it('reads age limits as the source states them, never clipped to children’s ages', () => {
    expect(parseAgeLimits('Age 21-60, detoxed')).toEqual({ min: 21, max: 60 });
    expect(parseAgeLimits('Age 55 or over')).toEqual({ min: 55, max: null });
    expect(parseAgeLimits('Ages 55 and older')).toEqual({ min: 55, max: null });
    expect(parseAgeLimits('18 and older')).toEqual({ min: 18, max: null });
    expect(parseAgeLimits('Youth under 18')).toEqual({ min: null, max: 17 });
    expect(parseAgeLimits('children up to age 5')).toEqual({ min: null, max: 5 });
    expect(parseAgeLimits('16+')).toEqual({ min: 16, max: null });
    expect(parseAgeLimits('Low-income families')).toBeNull();
    expect(servedAges(12, 100)).toEqual({ min: 12, max: 100 });
    expect(servedAges(55, null)).toEqual({ min: 55, max: OPEN_AGE });
    expect(servedAges(null, 17)).toEqual({ min: 0, max: 17 });
    expect(servedAges(30, 20)).toBeNull();
  });
});

describe('Ohana sample (San Mateo County)', () => {
  it('plans 8 agencies, 13 localities, 25 practitioners and specialisms for every active service', () => {
    const plan = planOhanaCsv(readDir(join(DATA, 'ohana-sample-csv')), 'san-mateo', []);
    const count = (l: string) => plan.nodes.filter((n) => n.label === l).length;
    expect(count('Agency')).toBe(8);
    expect(count('Locality')).toBe(13);
    expect(count('Practitioner')).toBe(25);
    expect(count('Specialism')).toBe(26); // 20 services named + 6 taxonomy terms of "Passport Photos"
    expect(plan.rels.filter((r) => r.type === 'OFFERS')).toHaveLength(26);
    expect(plan.rels.filter((r) => r.type === 'BROADER')).toHaveLength(3);
    expect(plan.unmapped.get('taxonomy.csv\u0000(terms no imported service uses)')).toBe(284);
  });
});

describe('Open Referral UK examples', () => {
  it('plans one agency (ages 12–100, as given), one contact and one locality from the examples', () => {
    const plan = planOrukJson(readDir(join(DATA, 'oruk-examples')), 'oruk', []);
    const agencies = plan.nodes.filter((n) => n.label === 'Agency');
    expect(agencies).toHaveLength(1);
    expect(agencies[0]!.data.ageRange).toEqual({ min: 12, max: 100 }); // as the feed gives them, not clipped to 25
    expect(plan.nodes.filter((n) => n.label === 'Practitioner').map((n) => n.data.name)).toEqual(['Ann Persona']);
    expect(plan.nodes.filter((n) => n.label === 'Locality').map((n) => n.data.name)).toEqual(['MyCity']);
  });
  it('gives the line of a JSON syntax error', () => {
    expect(() => parseJsonStrict('x.json', '{\n "a": 1,\n "b": }\n')).toThrow(ImportFormatError);
    try {
      parseJsonStrict('x.json', '{\n "a": 1,\n "b": }\n');
    } catch (e) {
      expect((e as ImportFormatError).errors[0]).toMatchObject({ file: 'x.json', line: 3 });
    }
  });
});

describe('GraphML', () => {
  it('declares typed keys and escapes text', () => {
    const xml = toGraphml({
      nodes: [{ id: 'a', label: 'Agency', properties: { name: 'A & B <x>', ageMin: 3 } }],
      relationships: [{ type: 'PART_OF', from: 'a', to: 'a', properties: {} }],
    });
    expect(xml).toContain('<key id="n_ageMin" for="node" attr.name="ageMin" attr.type="long"/>');
    expect(xml).toContain('A &amp; B &lt;x&gt;');
    expect(xml).toContain('<edge id="e0" source="a" target="a" label="PART_OF">');
  });
});
