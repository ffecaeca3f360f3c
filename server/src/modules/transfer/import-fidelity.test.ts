import { OPEN_AGE } from '@knotwork/graph-schema';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './import-plan.js';
import { planOhanaCsv } from './ohana.js';
import { planOrukJson } from './oruk.js';

/**
 * Field-level fidelity of the partner imports on the real San Mateo County export (Ohana / HSDS 1.x CSV) and the
 * Open Referral UK examples: nothing the source states is invented, defaulted or lost without the report saying so.
 */
const DATA = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data');
const sample = (): Record<string, string> => {
  const dir = join(DATA, 'ohana-sample-csv');
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
};
type Row = Record<string, string>;
const rowsOf = (text: string) => parse(text, { columns: true, bom: true }) as Row[];
const withRows = (files: Record<string, string>, file: string, change: (rows: Row[]) => Row[]) => {
  const rows = rowsOf(files[file]!);
  return { ...files, [file]: stringify(change(rows), { header: true, columns: Object.keys(rows[0]!) }) };
};
const agency = (plan: ReturnType<typeof planOhanaCsv>, name: string) =>
  plan.nodes.find((n) => n.label === 'Agency' && n.data.name === name)!.data;

describe('Ohana / HSDS 1.x import fidelity (San Mateo County sample)', () => {
  const plan = planOhanaCsv(sample(), 'san-mateo', []);

  it('keeps age limits as the services state them and invents none', () => {
    expect(agency(plan, 'Peninsula Family Service').ageRange).toEqual({ min: 55, max: OPEN_AGE }); // "Age 55 or over"
    expect(agency(plan, 'Peninsula Volunteers').ageRange).toEqual({ min: 18, max: OPEN_AGE }); // "Age 18 or over"
    expect(agency(plan, 'Salvation Army').ageRange).toEqual({ min: 21, max: 60 }); // "Age 21-60"
    // "reading at or below 7th grade level" is not an age; no service of the library states one
    expect(agency(plan, 'Redwood City Public Library').ageRange).toBeNull();
    expect(agency(plan, 'Samaritan House').ageRange).toBeNull();
    for (const p of plan.nodes.filter((n) => n.label === 'Practitioner')) expect(p.data.ageRange).toBeNull();
  });

  it('accounts for every phone number: main line, further numbers with kind and owner, contacts, or a warning', () => {
    const phones = rowsOf(sample()['phones.csv']!).filter((p) => p.number!.trim());
    const agencies = plan.nodes.filter((n) => n.label === 'Agency');
    const main = agencies.filter((a) => a.data.phone).length;
    const further = agencies.reduce((n, a) => n + (a.data.otherPhones as string[]).length, 0);
    const contacts = plan.nodes.filter((n) => n.label === 'Practitioner' && n.data.phone).length;
    const warned = plan.warnings.filter((w) => w.file === 'phones.csv').length;
    expect(main + further + contacts + warned).toBe(phones.length);
    expect(agency(plan, 'Peninsula Family Service').otherPhones).toEqual(
      expect.arrayContaining([expect.stringMatching(/\(fax, /)]),
    );
  });

  it("gives an organisation its own main line, not a contact's", () => {
    const phones = rowsOf(sample()['phones.csv']!);
    const ownNumbers = new Set(phones.filter((p) => !p.contact_id).map((p) => p.number));
    for (const a of plan.nodes.filter((n) => n.label === 'Agency' && n.data.phone))
      expect(ownNumbers.has(a.data.phone as string)).toBe(true);
  });

  it('keeps organisation emails (or a location’s or service’s)', () => {
    expect(agency(plan, 'Example Agency').email).toBe('info@example.org');
  });

  it('keeps every location as a place of its own: name, address, coordinates, hours, and the services offered there', () => {
    const locations = plan.nodes.filter((n) => n.label === 'Location');
    expect(locations).toHaveLength(22); // every location of an imported organisation
    const fairOaks = locations.find((l) => l.data.name === 'Fair Oaks Adult Activity Center')!.data;
    expect(fairOaks).toMatchObject({
      postcode: expect.stringMatching(/^94/),
      latitude: expect.any(Number),
      longitude: expect.any(Number),
    });
    expect(fairOaks.address).toMatch(/Redwood City/);
    expect(plan.rels.filter((r) => r.type === 'HAS_LOCATION')).toHaveLength(22);
    const provides = plan.rels.filter((r) => r.type === 'PROVIDES');
    expect(provides.length).toBeGreaterThan(0);
    for (const r of provides) expect(plan.rels.some((o) => o.type === 'OFFERS' && o.to === r.to)).toBe(true);
    expect(locations.some((l) => String(l.data.openingTimes).includes('–'))).toBe(true);
  });

  it('names every file it read, with its record count', () => {
    expect(plan.files).toContainEqual({ file: 'phones.csv', status: 'read', records: 54 });
    expect(plan.files).toHaveLength(11);
  });

  it('drops a bad optional field with a warning and imports the record, its contact and its services', () => {
    const files = withRows(sample(), 'organizations.csv', (rows) =>
      rows.map((r) => (r.name === 'Peninsula Volunteers' ? { ...r, website: 'http://www.penvol.org`' } : r)),
    );
    const bad = planOhanaCsv(files, 'san-mateo', []);
    const a = bad.nodes.find((n) => n.label === 'Agency' && n.data.name === 'Peninsula Volunteers');
    expect(a?.data.website).toBeNull();
    expect(bad.warnings).toContainEqual(
      expect.objectContaining({
        file: 'organizations.csv',
        field: 'website',
        reason: expect.stringMatching(/penvol\.org`.*left empty, the record imported/),
      }),
    );
    expect(bad.nodes.filter((n) => n.label === 'Agency')).toHaveLength(8);
    expect(bad.rels.filter((r) => r.to === a!.id || r.from === a!.id).length).toBe(
      plan.rels.filter((r) => r.to === a!.id || r.from === a!.id).length,
    );
  });

  it('refuses duplicate ids within a file, naming both lines', () => {
    const files = withRows(sample(), 'organizations.csv', (rows) => [...rows, { ...rows[0]!, name: 'Another name' }]);
    try {
      planOhanaCsv(files, 'san-mateo', []);
      expect.unreachable('a duplicate id must be an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportFormatError);
      expect((e as ImportFormatError).errors).toEqual([
        { file: 'organizations.csv', line: 10, field: 'id', reason: 'duplicate id "1": also on line 2' },
      ]);
    }
  });

  it('stores HTML descriptions as text and says so', () => {
    const files = withRows(sample(), 'organizations.csv', (rows) =>
      rows.map((r) =>
        r.name === 'Salvation Army'
          ? { ...r, description: '<p>Food &amp; shelter</p><ul><li>Meals</li><li>Beds</li></ul>' }
          : r,
      ),
    );
    const html = planOhanaCsv(files, 'san-mateo', []);
    expect(agency(html, 'Salvation Army').description).toBe('Food & shelter\n\n• Meals\n• Beds');
    expect(html.warnings).toContainEqual(
      expect.objectContaining({ field: 'description', reason: 'HTML converted to text' }),
    );
  });

  it('says when a description is cut to fit', () => {
    const files = withRows(sample(), 'organizations.csv', (rows) =>
      rows.map((r) => (r.name === 'Salvation Army' ? { ...r, description: 'x'.repeat(4100) } : r)),
    );
    expect(planOhanaCsv(files, 'san-mateo', []).warnings).toContainEqual(
      expect.objectContaining({ field: 'description', reason: 'truncated from 4100 to 4000 characters' }),
    );
  });
});

describe('Open Referral UK import fidelity', () => {
  const dir = join(DATA, 'oruk-examples');
  const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  it('keeps ages, emails and every phone of an organisation', () => {
    const plan = planOrukJson(files, 'oruk', []);
    const a = plan.nodes.find((n) => n.label === 'Agency')!.data;
    expect(a.ageRange).toEqual({ min: 12, max: 100 });
    expect(plan.nodes.filter((n) => n.label === 'Practitioner').every((p) => p.data.ageRange === null)).toBe(true);
  });

  it('keeps the service’s location as a Location, dropping only an impossible coordinate (the example says latitude 100)', () => {
    const plan = planOrukJson(files, 'oruk', []);
    const civic = plan.nodes.find((n) => n.label === 'Location' && n.data.name === 'MyCity Civic Center')!.data;
    expect(civic).toMatchObject({
      postcode: 'ABC 1234',
      latitude: null,
      accessibility: expect.stringMatching(/induction loops/),
    });
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({ field: 'latitude', reason: expect.stringMatching(/left empty, the record imported/) }),
    );
    expect(plan.rels.some((r) => r.type === 'HAS_LOCATION')).toBe(true);
    expect(plan.rels.some((r) => r.type === 'PROVIDES')).toBe(true);
  });

  it('stores HTML descriptions as text', () => {
    const org = JSON.parse(files['organization_full.json']!) as Record<string, unknown>;
    const plan = planOrukJson(
      { 'org.json': JSON.stringify({ ...org, description: '<p>Advice &amp; support for <b>young carers</b></p>' }) },
      'oruk',
      [],
    );
    expect(plan.nodes.find((n) => n.label === 'Agency')!.data.description).toBe('Advice & support for young carers');
  });
});

describe('Open Referral UK 1.0 feed with PlaceCube pc_ extensions', () => {
  const feed = readFileSync(join(import.meta.dirname, 'testing', 'oruk1-feed.json'), 'utf8');
  const plan = planOrukJson({ 'services.json': feed }, 'council-oruk1', []);
  const agencyNamed = (name: string) => plan.nodes.find((n) => n.label === 'Agency' && n.data.name === name)!;
  const offersOf = (id: string) => plan.rels.filter((r) => r.type === 'OFFERS' && r.from === id);

  it('reads the Spring page envelope without reporting its keys as unmapped', () => {
    expect(plan.nodes.filter((n) => n.label === 'Agency').map((n) => n.data.name)).toEqual([
      'Riverside Family Hub',
      'Carers Together',
    ]);
    expect([...plan.unmapped.keys()].some((k) => k.includes('page.'))).toBe(false);
  });

  it('keeps each service’s eligibility, fees, audience, languages and ages on its offer; two services of one specialism make one offer', () => {
    const hub = agencyNamed('Riverside Family Hub');
    const [offer, ...more] = offersOf(hub.id);
    expect(more).toHaveLength(0);
    expect(offer!.properties).toEqual({
      service: 'Early Years Speech and Language Drop-in; Talking Tots group',
      eligibility: 'Children under five and their parents or carers\nReferral from a health visitor',
      fees: 'Free\nPer term £15 waived for families on Universal Credit',
      audience: 'Parents and carers, Early years\nToddlers',
      languages: ['English', 'Urdu'],
      ageMin: 0,
      ageMax: 4,
    });
    expect(hub.data.ageRange).toEqual({ min: 0, max: 4 });
  });

  it('reads -1 ages as not stated: no age range is invented and no warning is raised', () => {
    const carers = agencyNamed('Carers Together');
    expect(carers.data.ageRange).toBeNull();
    expect(offersOf(carers.id)[0]!.properties).toMatchObject({ audience: 'Young carers', fees: 'Free' });
    expect(offersOf(carers.id)[0]!.properties).not.toHaveProperty('ageMin');
    expect(plan.warnings.filter((w) => w.field === 'ages')).toEqual([]);
  });

  it('maps service_taxonomys to specialisms, physical_addresses and accessibility_for_disabilities to a Location, the service email to the agency', () => {
    expect(plan.nodes.filter((n) => n.label === 'Specialism').map((n) => n.data.name)).toEqual([
      'Speech and language therapy',
      'Young carers',
    ]);
    const hub = plan.nodes.find((n) => n.label === 'Location')!.data;
    expect(hub).toMatchObject({
      name: 'Riverside Family Hub',
      address: '12 Mill Lane, Riverside',
      postcode: 'RV1 2AB',
      latitude: 52.4862,
      accessibility: 'Step-free access: ramp at the main entrance',
    });
    expect(agencyNamed('Riverside Family Hub').data).toMatchObject({
      email: 'earlyyears@example.gov.uk',
      website: 'https://example.gov.uk/riverside-hub',
    });
    expect(plan.nodes.find((n) => n.label === 'Practitioner')!.data).toMatchObject({
      name: 'Amira Haddad',
      phone: '01632 960 101',
    });
  });

  it('reports what it does not keep (pc_metadata, attendance fields) instead of dropping it silently', () => {
    const unmapped = [...plan.unmapped.keys()].map((k) => k.split('\u0000')[1]);
    expect(unmapped).toEqual(expect.arrayContaining(['service.pc_metadata', 'service.attending_type', 'service.url']));
    expect(unmapped).not.toContain('service.pc_targetAudience');
    expect(unmapped).not.toContain('service.eligibilitys');
  });
});

describe('service terms on offers (Ohana / HSDS 1.x)', () => {
  const plan = planOhanaCsv(sample(), 'san-mateo', []);
  it('keeps fees, audience, languages and eligibility of each service on the offer', () => {
    const example = plan.nodes.find((n) => n.label === 'Agency' && n.data.name === 'Example Agency')!;
    const terms = plan.rels.filter((r) => r.type === 'OFFERS' && r.from === example.id).map((r) => r.properties);
    expect(terms).toContainEqual(
      expect.objectContaining({
        service: expect.stringContaining('Passport Photos'),
        languages: ['Spanish'],
        fees: expect.stringMatching(/^None, except for permits/),
      }),
    );
    const senior = plan.nodes.find((n) => n.label === 'Agency' && n.data.name === 'Peninsula Family Service')!;
    const seniorTerms = plan.rels.filter((r) => r.type === 'OFFERS' && r.from === senior.id).map((r) => r.properties);
    expect(
      seniorTerms.some((t) => t.ageMin === 55 && t.ageMax === OPEN_AGE && /55 or over/.test(String(t.audience))),
    ).toBe(true);
  });
});
