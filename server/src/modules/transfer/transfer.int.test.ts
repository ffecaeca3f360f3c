import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSeedGraph } from '@knotwork/seed';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../app.js';
import { buildTestApp } from '../../../test/helper.js';
import { signInAs } from '../../../test/factories.js';
import { CSV_FILES, csvText, graphDocument, toGraphml } from './export.js';
import { hsdsOrganizations } from './hsds-export.js';
import { importId } from './import-plan.js';
import { loadBatches } from './seed-loader.js';
import { ImportFormatError, runImport } from './transfer.service.js';
import { fulltextIds } from './transfer.repository.js';
import { generatedCsvFiles, remapFiles, remapId } from './testing/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '../../../../../shared/data');
const readDir = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const tag = () => randomUUID().slice(0, 8);
// Imports of a few thousand rows, several times over, on a shared 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

let app: App;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function exportAll(source: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const what of CSV_FILES) out[`${what}.csv`] = await csvText(app.db, what, { sources: [source] });
  return out;
}
/** Data rows per file; files with none left out (an export writes every file, an input may leave empty ones out). */
const countRows = (files: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(files)
      .map(([f, t]) => [f, t.split('\n').filter(Boolean).length - 1] as const)
      .filter(([, n]) => n > 0),
  );

describe('Knotwork CSV', () => {
  it('round trip: export -> import under new ids -> export gives the same files byte for byte', async () => {
    const a = `rt-a-${tag()}`;
    const input = remapFiles(generatedCsvFiles({ seed: 5, scale: 0.03, asOf: '2026-11-23' }, 'seed'), a, ['seed', `import:${a}`]).files;
    // KNOWS carries source 'seed' as a trail kind, not a node source: keep it
    input['KNOWS.csv'] = input['KNOWS.csv']!.replaceAll(`import:${a}`, 'seed');
    const first = await runImport(app.db, { format: 'knotwork-csv', name: a, files: input });
    expect(first.rejected).toEqual([]);
    const e1 = await exportAll(`import:${a}`);
    expect(countRows(e1)).toEqual(countRows(input)); // nothing lost on the way in

    const b = `rt-b-${tag()}`;
    const moved = remapFiles(e1, b, [`import:${a}`, `import:${b}`]);
    const second = await runImport(app.db, { format: 'knotwork-csv', name: b, files: moved.files });
    expect(second.rejected).toEqual([]);
    expect(Object.values(second.updated).reduce((x, y) => x + y, 0)).toBe(0); // a fresh id space: all created
    const e2 = await exportAll(`import:${b}`);
    for (const file of Object.keys(e1)) expect(moved.back(e2[file]!), file).toBe(e1[file]);

    // re-running an import is idempotent: nothing created, counts unchanged
    const again = await runImport(app.db, { format: 'knotwork-csv', name: b, files: moved.files });
    expect(Object.values(again.created).reduce((x, y) => x + y, 0)).toBe(0);
    const e3 = await exportAll(`import:${b}`);
    expect(countRows(e3)).toEqual(countRows(e2));
  });

  it('determinism: the same seed loaded twice exports identically; another seed does not', async () => {
    const load = async (seed: number) => {
      const ns = `det-${tag()}`;
      const moved = remapFiles(generatedCsvFiles({ seed, scale: 0.02, asOf: '2026-11-23' }, 'seed'), ns, ['seed', `import:${ns}`]);
      moved.files['KNOWS.csv'] = moved.files['KNOWS.csv']!.replaceAll(`import:${ns}`, 'seed');
      await runImport(app.db, { format: 'knotwork-csv', name: ns, files: moved.files });
      const e = await exportAll(`import:${ns}`);
      return Object.fromEntries(Object.entries(e).map(([f, t]) => [f, moved.back(t)]));
    };
    const x = await load(42);
    const y = await load(42);
    expect(y).toEqual(x);
    const z = await load(43);
    expect(z['Practitioner.csv']).not.toBe(x['Practitioner.csv']);
  });

  it('bulk loader: CREATE batches write every node and relationship of the generator', async () => {
    const ns = `bulk-${tag()}`;
    const batches = [...generateSeedGraph({ seed: 9, scale: 0.03, asOf: '2026-11-23', batchSize: 500 })].map((b) =>
      b.kind === 'nodes'
        ? { ...b, rows: b.rows.map((r) => ({ ...r, id: remapId(r.id, ns), source: `import:${ns}` })) }
        : { ...b, rows: b.rows.map((r) => ({ ...r, from: remapId(r.from, ns), to: remapId(r.to, ns) })) },
    );
    const result = await loadBatches(app.db, batches, { mode: 'create' });
    const exported = countRows(await exportAll(`import:${ns}`));
    for (const [label, n] of Object.entries(result.nodes)) expect(exported[`${label}.csv`], label).toBe(n);
    for (const [type, n] of Object.entries(result.relationships)) expect(exported[`${type}.csv`], type).toBe(n);
  });

  it('malformed CSV gives line-numbered errors and writes nothing', async () => {
    const name = `bad-${tag()}`;
    const files = {
      'Agency.csv': `id,name,sector\n,Good Agency ${name},vcs\n,"Broken quote,vcs\n`,
      'Locality.csv': `id,name,kind\n,Somewhere ${name},ward\n`,
    };
    const err = await runImport(app.db, { format: 'knotwork-csv', name, files }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).errors[0]).toMatchObject({ file: 'Agency.csv', line: 3 });
    expect(await csvText(app.db, 'Locality', { sources: [`import:${name}`] })).toBe('id,name,kind,source,sourceKey,createdAt,updatedAt\n');
  });

  it('invalid rows are rejected with file, line, field and reason; valid rows are imported', async () => {
    const name = `rows-${tag()}`;
    const report = await runImport(app.db, {
      format: 'knotwork-csv',
      name,
      files: {
        'Agency.csv': `name,sector,ageMin,ageMax,colour\nFine ${name},vcs,0,18,blue\nWrong ${name},spaceship,0,18,\nAges ${name},vcs,12,3,\n`,
        'OFFERS.csv': `from,to\n${randomUUID()},${randomUUID()}\n`,
      },
    });
    // a bad required field rejects the record; a bad optional one (impossible ages) is dropped with a warning
    expect(report.created.Agency).toBe(2);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'Agency.csv', line: 3, field: 'sector' }),
        expect.objectContaining({ file: 'OFFERS.csv', line: 2, field: 'from' }),
      ]),
    );
    expect(report.rejected.some((r) => r.line === 4)).toBe(false);
    expect(report.warnings).toEqual([expect.objectContaining({ file: 'Agency.csv', line: 4, field: 'ageRange.min', reason: expect.stringMatching(/left empty, the record imported/) })]);
    const stored = parse(await csvText(app.db, 'Agency', { sources: [`import:${name}`] }), { columns: true }) as Record<string, string>[];
    expect(stored.find((r) => r.name === `Ages ${name}`)).toMatchObject({ ageMin: '', ageMax: '' }); // not stated, not given a default
    expect(report.unmappedFields).toEqual([{ file: 'Agency.csv', field: 'colour', count: 1 }]);
  });
});

describe('Open Referral HSDS 1.x CSV (Ohana layout): San Mateo County sample', () => {
  const files = readDir(join(DATA, 'ohana-sample-csv'));

  it('imports agencies, specialisms, localities and practitioners with a full report, idempotently, searchable', async () => {
    const name = `sanmateo-${tag()}`;
    const report = await runImport(app.db, { format: 'ohana-csv', name, files });
    expect(report.created.Agency).toBe(8);
    expect(report.created.Locality).toBe(13);
    expect(report.created.Practitioner).toBe(25); // 31 contacts, 6 repeats of the same person merged (listed)
    expect(report.created.Specialism).toBeGreaterThanOrEqual(24);
    expect(report.created.OFFERS).toBe(26); // 21 active services; Passport Photos has 6 taxonomy terms
    expect(report.created.WORKS_FOR).toBe(25);
    expect(report.rejected.filter((r) => /merged/.test(r.reason))).toHaveLength(6);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'services.csv', line: 21, field: 'status' }),
        expect.objectContaining({ file: 'services.csv', line: 22, field: 'status' }),
      ]),
    );
    // coordinates now go to the Location; what no Knotwork field holds is still listed
    expect(report.unmappedFields).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'addresses.csv', field: 'country', count: 21 })]));
    expect(report.unmappedFields.some((u) => u.file === 'locations.csv' && u.field === 'latitude')).toBe(false);
    expect(report.created.Location).toBe(22);
    expect(report.created.HAS_LOCATION).toBe(22);

    const agencies = await csvText(app.db, 'Agency', { sources: [`import:${name}`] });
    expect(agencies).toContain('Peninsula Family Service');
    expect(agencies).toContain(importId(name, 'Agency', 'organization:1'));

    // a search for one of its services finds it (Neo4j full-text index knotwork_search)
    const projectRead = importId(name, 'Specialism', 'service:12');
    const hits = await app.db.read((tx) => fulltextIds(tx, '"Project Read"', 50));
    expect(hits).toContain(projectRead);

    // the same files again: nothing created, nothing changed, nothing written
    const again = await runImport(app.db, { format: 'ohana-csv', name, files });
    expect(again.created).toEqual({});
    expect(again.unchanged).toMatchObject({ Agency: 8, Practitioner: 25, Locality: 13 });
    expect(again.updated.Agency).toBeUndefined();
    expect(again.missing).toEqual({});
    expect(countRows(await exportAll(`import:${name}`))).toEqual(countRows(await exportAll(`import:${name}`)));
  });

  it('a re-import applies what changed, lists what is gone, and retires it only with sync; a dry run is the same diff', async () => {
    const name = `resync-${tag()}`;
    await runImport(app.db, { format: 'ohana-csv', name, files });
    const orgs = files['organizations.csv']!;
    const changed = {
      ...files,
      // Admin Test Org (id 7) gets a new description; Fake Org (id 6) leaves the source
      'organizations.csv': orgs.replace(/^(7,.*?)An organization created for testing purposes\./m, '$1A new description.').replace(/^6,.*\n/m, ''),
    };
    expect(changed['organizations.csv']).not.toBe(orgs);
    const preview = await runImport(app.db, { format: 'ohana-csv', name, files: changed, dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.missing.Agency).toBe(1);
    expect(preview.changes).toEqual(expect.arrayContaining([expect.objectContaining({ change: 'missing', label: 'Agency', name: 'Fake Org' })]));
    expect(preview.updated.Agency).toBe(1);
    expect(preview.changes).toContainEqual(expect.objectContaining({ change: 'update', label: 'Agency', name: 'Admin Test Org', fields: ['description'] }));

    const applied = await runImport(app.db, { format: 'ohana-csv', name, files: changed });
    expect(applied.updated.Agency).toBe(1);
    expect(applied.missing).toEqual(preview.missing);
    expect(applied.retired).toEqual({});
    expect(await csvText(app.db, 'Agency', { sources: [`import:${name}`] })).toContain('A new description.');
    const kept = await csvText(app.db, 'Agency', { sources: [`import:${name}`] });
    expect(kept).toContain('Fake Org'); // flagged, not removed

    const synced = await runImport(app.db, { format: 'ohana-csv', name, files: changed, sync: true });
    expect(synced.retired).toEqual(preview.missing);
    expect(await csvText(app.db, 'Agency', { sources: [`import:${name}`] })).not.toContain('Fake Org');
    expect((await runImport(app.db, { format: 'ohana-csv', name, files: changed, dryRun: true })).missing).toEqual({});
  });

  it('never links one source’s services to specialisms another import created', async () => {
    const first = `council-a-${tag()}`;
    const second = `council-b-${tag()}`;
    await runImport(app.db, { format: 'ohana-csv', name: first, files });
    await runImport(app.db, { format: 'ohana-csv', name: second, files });
    const crossLinks = await app.db.read(async (tx) => {
      const res = await tx.run(
        `MATCH (a:Agency {source: $a})-[:OFFERS]->(s:Specialism) WHERE s.source STARTS WITH 'import:' AND s.source <> $a RETURN count(*) AS c`,
        { a: `import:${second}` },
      );
      return res.records[0]!.get('c') as number;
    });
    expect(crossLinks).toBe(0);
  });

  it('exports as Open Referral HSDS 3 / ORUK JSON that imports back to the same agencies, offers, locations and areas', async () => {
    const a = `hsds-a-${tag()}`;
    const first = await runImport(app.db, { format: 'ohana-csv', name: a, files });
    const page = await hsdsOrganizations(app.db, [`import:${a}`]);
    expect(page).toMatchObject({ total_items: 8, page_number: 1, first_page: true, last_page: true, empty: false });
    const b = `hsds-b-${tag()}`;
    const back = await runImport(app.db, { format: 'oruk-json', name: b, files: { 'organizations.json': JSON.stringify(page) } });
    for (const key of ['Agency', 'Location', 'OFFERS', 'HAS_LOCATION', 'PROVIDES']) expect(back.created[key], key).toBe(first.created[key]);
    expect(back.rejected).toEqual([]);
    // HSDS carries areas on services: an organisation that offers nothing has nowhere to say where it works
    const areasOfOfferingAgencies = (source: string) =>
      app.db.read(async (tx) => {
        const res = await tx.run(
          'MATCH (a:Agency {source: $source})-[:SERVES]->(l:Locality) WHERE EXISTS { (a)-[:OFFERS]->() } RETURN count(*) AS c',
          { source },
        );
        return res.records[0]!.get('c') as number;
      });
    expect(await areasOfOfferingAgencies(`import:${b}`)).toBe(await areasOfOfferingAgencies(`import:${a}`));
  });

  it('a malformed services.csv stops the import with its line number and writes nothing', async () => {
    const name = `badohana-${tag()}`;
    const broken = { ...files, 'services.csv': files['services.csv']!.replace('Walk in or apply by phone.', '"Walk in or apply by phone.') };
    const err = await runImport(app.db, { format: 'ohana-csv', name, files: broken }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).errors[0]).toMatchObject({ file: 'services.csv' });
    expect((err as ImportFormatError).errors[0]!.line).toBeGreaterThanOrEqual(2);
    expect(await csvText(app.db, 'Agency', { sources: [`import:${name}`] })).toBe(
      'id,name,sector,description,website,phone,address,referralRoute,ageMin,ageMax,email,otherPhones,source,sourceKey,lastVerifiedAt,createdAt,updatedAt\n',
    );
  });
});

describe('Open Referral UK 3.0 / HSDS 3 JSON examples', () => {
  const files = readDir(join(DATA, 'oruk-examples'));

  it('maps organization, services, contacts, locations and taxonomy terms; reports what it cannot map', async () => {
    const name = `oruk-${tag()}`;
    const report = await runImport(app.db, { format: 'oruk-json', name, files });
    expect(report.created.Agency).toBe(1);
    expect(report.created.Practitioner).toBe(1);
    expect(report.created.Locality).toBe(1);
    expect(report.created.WORKS_FOR).toBe(1);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'parent_organization_id' }),
        expect.objectContaining({ field: 'service_area' }),
      ]),
    );
    expect(report.unmappedFields.map((u) => u.field)).toEqual(expect.arrayContaining(['organization.logo', 'service.schedules']));
    const agencies = await csvText(app.db, 'Agency', { sources: [`import:${name}`] });
    expect(agencies).toContain('Example Organization Inc.');
    expect(agencies).toMatch(/,12,100,/); // minimum_age 12, maximum_age 100: kept as given
    const people = await csvText(app.db, 'Practitioner', { sources: [`import:${name}`] });
    expect(people).toContain('Ann Persona');

    const again = await runImport(app.db, { format: 'oruk-json', name, files });
    expect(again.created).toEqual({});
  });

  it('malformed JSON gives the line of the error and writes nothing', async () => {
    const name = `badjson-${tag()}`;
    const text = '{\n  "id": "x",\n  "name": "Broken Org"\n  "description": "missing comma"\n}\n';
    const err = await runImport(app.db, { format: 'oruk-json', name, files: { 'organization.json': text } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).errors[0]).toMatchObject({ file: 'organization.json', line: 4 });
  });
});

describe('HTTP: imports and exports', () => {
  it('coordinators import via a job; viewers cannot; exports are filtered by role', async () => {
    const viewer = await signInAs(app, 'viewer');
    const coordinator = await signInAs(app, 'coordinator');
    const name = `api-${tag()}`;
    const body = { format: 'oruk-json', name, files: readDir(join(DATA, 'oruk-examples')) };
    expect((await viewer.inject({ method: 'POST', url: '/api/imports', payload: body })).statusCode).toBe(403);

    const started = await coordinator.inject({ method: 'POST', url: '/api/imports', payload: body });
    expect(started.statusCode).toBe(202);
    const jobId = started.json().id as string;
    let job = started.json();
    for (let i = 0; i < 100 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await coordinator.inject({ method: 'GET', url: `/api/imports/${jobId}` })).json();
    }
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.report.created.Agency).toBe(1);

    const bad = await coordinator.inject({ method: 'POST', url: '/api/imports', payload: { ...body, format: 'xls' } });
    expect(bad.statusCode).toBe(400);

    const csv = await viewer.inject({ method: 'GET', url: `/api/exports/csv/Agency?source=import:${name}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Example Organization Inc.');
    expect((await viewer.inject({ method: 'GET', url: '/api/exports/csv/Collaboration' })).statusCode).toBe(403);
    expect((await viewer.inject({ method: 'GET', url: '/api/exports/graph' })).statusCode).toBe(403);

    const agencyId = importId(name, 'Agency', `organization:d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610`);
    const graphml = await coordinator.inject({ method: 'GET', url: `/api/exports/graph?format=graphml&around=${agencyId}&depth=2` });
    expect(graphml.statusCode).toBe(200);
    expect(graphml.body).toContain('<graphml');
    expect(graphml.body).toContain('Ann Persona');
    const json = await coordinator.inject({ method: 'GET', url: `/api/exports/graph?around=${agencyId}&depth=1` });
    expect(json.json().relationships.some((r: { type: string }) => r.type === 'WORKS_FOR')).toBe(true);
  });

  it('GraphML and JSON exports of a subgraph are deterministic', async () => {
    const name = `gml-${tag()}`;
    await runImport(app.db, { format: 'oruk-json', name, files: readDir(join(DATA, 'oruk-examples')) });
    const around = importId(name, 'Agency', `organization:d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610`);
    const a = await graphDocument(app.db, { around, depth: 2 });
    const b = await graphDocument(app.db, { around, depth: 2 });
    expect(toGraphml(a!)).toBe(toGraphml(b!));
    expect(a!.nodes.length).toBeGreaterThanOrEqual(3);
  });
});
