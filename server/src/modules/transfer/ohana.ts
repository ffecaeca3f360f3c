import type { DirectoryLabel, Sector } from '@knotwork/graph-schema';
import { slug } from '@knotwork/seed';
import { parseCsv, type CsvRecord } from './csv-import.js';
import { ImportFormatError, importId, newPlan, noteUnmapped, validateNode, type ImportPlan } from './import-plan.js';
import { clampAges, guessDomain, parseAgeLimits, TaxonomyMatcher, type SpecialismTerm } from './taxonomy-match.js';

/**
 * Open Referral HSDS 1.x CSV in the Ohana API layout (organizations.csv, locations.csv, services.csv,
 * contacts.csv, phones.csv, addresses.csv, taxonomy.csv, …):
 *   organizations -> Agency (sector guessed from the words, phone, address of its first location,
 *                    referral route from the services' application process, age range from eligibility)
 *   services      -> Agency OFFERS Specialism: taxonomy_ids matched to existing specialisms through the
 *                    thesaurus, otherwise created under their taxonomy (BROADER to the parent term); a service
 *                    without taxonomy terms is matched by name or becomes a specialism of its own (keywords as
 *                    synonyms). Services whose status is not active are rejected (listed).
 *   service areas and location cities -> Locality (counties as authority, others as district); Agency SERVES
 *   contacts      -> Practitioner WORKS_FOR the organisation (one per person and organisation; repeats are
 *                    listed as merged)
 * Every column that is not used is listed as unmapped with the number of non-empty values.
 */
const USED: Record<string, string[]> = {
  'organizations.csv': ['id', 'name', 'description', 'website'],
  'locations.csv': ['id', 'organization_id', 'name'],
  'services.csv': ['id', 'location_id', 'name', 'description', 'keywords', 'eligibility', 'application_process', 'service_areas', 'status', 'taxonomy_ids'],
  'contacts.csv': ['id', 'location_id', 'organization_id', 'service_id', 'name', 'title', 'email'],
  'phones.csv': ['id', 'contact_id', 'location_id', 'organization_id', 'service_id', 'number', 'number_type'],
  'addresses.csv': ['id', 'location_id', 'address_1', 'address_2', 'city', 'state_province', 'postal_code'],
  'taxonomy.csv': ['taxonomy_id', 'name', 'parent_id', 'parent_name'],
};

function sectorOf(text: string): Sector {
  if (/\b(school|library|college|education)\b/i.test(text)) return 'education';
  if (/\b(clinic|medical|health|hospital|dental)\b/i.test(text)) return 'health';
  if (/\b(police|sheriff)\b/i.test(text)) return 'police';
  if (/\b(housing|shelter)\b/i.test(text)) return 'housing';
  if (/\b(county|city of|council|department)\b/i.test(text) && !/non-?profit|charit/i.test(text)) return 'local-authority';
  return 'vcs';
}

const STRATEGIC_TITLE = /director|manager|ceo|chief|president|administrator|commanding|captain|major|head/i;

export function planOhanaCsv(files: Record<string, string>, sourceName: string, existing: SpecialismTerm[]): ImportPlan {
  const plan = newPlan('ohana-csv', sourceName);
  const byName = new Map<string, { header: string[]; records: CsvRecord[] }>();
  const errors: ImportFormatError['errors'] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = path.split(/[\\/]/).pop()!.toLowerCase();
    try {
      byName.set(file, parseCsv(file, text));
    } catch (e) {
      if (e instanceof ImportFormatError) errors.push(...e.errors);
      else throw e;
    }
  }
  if (!byName.has('organizations.csv')) errors.push({ file: 'organizations.csv', reason: 'missing: an Ohana/HSDS 1.x import needs organizations.csv' });
  for (const [file, req] of [['organizations.csv', ['id', 'name']], ['services.csv', ['id', 'name']], ['locations.csv', ['id', 'organization_id']], ['contacts.csv', ['id', 'name']]] as const) {
    const f = byName.get(file);
    if (f) for (const c of req) if (!f.header.includes(c)) errors.push({ file, line: 1, field: c, reason: `missing column "${c}"` });
  }
  if (errors.length) throw new ImportFormatError(errors);

  // unmapped columns and files
  for (const [file, { header, records }] of byName) {
    const used = USED[file] ?? [];
    for (const h of header) {
      if (used.includes(h)) continue;
      const count = records.filter((r) => r.values[h]?.trim()).length;
      if (count) noteUnmapped(plan, file, h, count);
    }
  }
  const rows = (file: string) => byName.get(file)?.records ?? [];
  const v = (r: CsvRecord, k: string) => (r.values[k] ?? '').trim();

  const orgs = new Map(rows('organizations.csv').map((r) => [v(r, 'id'), r]));
  const locations = new Map(rows('locations.csv').map((r) => [v(r, 'id'), r]));
  const services = new Map(rows('services.csv').map((r) => [v(r, 'id'), r]));
  const addressByLocation = new Map<string, CsvRecord>();
  for (const a of rows('addresses.csv')) if (!addressByLocation.has(v(a, 'location_id'))) addressByLocation.set(v(a, 'location_id'), a);
  const phoneOf = (key: 'contact_id' | 'location_id' | 'organization_id', id: string) =>
    rows('phones.csv').find((p) => v(p, key) === id && v(p, 'number_type') !== 'fax' && /^[+0-9 ()-]{6,40}$/.test(v(p, 'number')));
  const orgOfLocation = (locId: string) => (locId ? v(locations.get(locId) ?? ({ values: {} } as CsvRecord), 'organization_id') : '');

  const matcher = new TaxonomyMatcher(existing);
  const agencyId = (orgId: string) => importId(sourceName, 'Agency', `organization:${orgId}`);
  const localityIds = new Map<string, string>();
  const localityFor = (name: string, where: { file: string; line: number }): string | null => {
    const key = slug(name);
    if (!key) return null;
    const known = localityIds.get(key);
    if (known) return known;
    const data = validateNode(plan, 'Locality', { name, kind: /county/i.test(name) ? 'authority' : 'district', source: `import:${sourceName}` }, where);
    if (!data) return null;
    const id = importId(sourceName, 'Locality', `area:${key}`);
    plan.nodes.push({ label: 'Locality', id, data, sourceKey: `area:${key}`, ...where });
    localityIds.set(key, id);
    return id;
  };
  const serves = new Set<string>();
  const addServes = (from: string, fromLabel: DirectoryLabel, to: string, where: { file: string; line: number }) => {
    const key = `${from}>${to}`;
    if (serves.has(key)) return;
    serves.add(key);
    plan.rels.push({ type: 'SERVES', fromLabel, toLabel: 'Locality', from, to, properties: {}, ...where });
  };

  // taxonomy terms -> specialisms (created lazily, only those services use)
  const taxonomy = new Map(rows('taxonomy.csv').map((r) => [v(r, 'taxonomy_id'), r]));
  const termSpecialism = new Map<string, string>();
  const usedTaxonomy = new Set<string>();
  const specialismForTerm = (termId: string, where: { file: string; line: number }): string | null => {
    const known = termSpecialism.get(termId);
    if (known) return known;
    const term = taxonomy.get(termId);
    if (!term) {
      plan.rejected.push({ ...where, field: 'taxonomy_ids', reason: `taxonomy term ${termId} is not in taxonomy.csv` });
      return null;
    }
    usedTaxonomy.add(termId);
    const name = v(term, 'name');
    const matched = matcher.match(name);
    if (matched) {
      termSpecialism.set(termId, matched);
      return matched;
    }
    const parentId = v(term, 'parent_id');
    const parent = parentId ? specialismForTerm(parentId, { file: 'taxonomy.csv', line: term.line }) : null;
    let root = term;
    while (v(root, 'parent_id') && taxonomy.get(v(root, 'parent_id'))) root = taxonomy.get(v(root, 'parent_id'))!;
    const data = validateNode(
      plan,
      'Specialism',
      { name, domain: guessDomain(name, v(root, 'name')), description: `Open Eligibility taxonomy term ${termId}${parent ? ` (under ${v(term, 'parent_name')})` : ''}.`, synonyms: [], source: `import:${sourceName}` },
      { file: 'taxonomy.csv', line: term.line },
    );
    if (!data) return null;
    const id = importId(sourceName, 'Specialism', `taxonomy:${termId}`);
    plan.nodes.push({ label: 'Specialism', id, data, sourceKey: `taxonomy:${termId}`, file: 'taxonomy.csv', line: term.line });
    matcher.add({ id, name, terms: [] });
    termSpecialism.set(termId, id);
    if (parent) plan.rels.push({ type: 'BROADER', fromLabel: 'Specialism', toLabel: 'Specialism', from: id, to: parent, properties: {}, file: 'taxonomy.csv', line: term.line });
    return id;
  };

  // services (first, to collect per-organisation facts)
  const perOrg = new Map<string, { routes: string[]; ages: { min: number; max: number }[]; offers: Set<string> }>();
  const orgFacts = (orgId: string) => {
    let f = perOrg.get(orgId);
    if (!f) perOrg.set(orgId, (f = { routes: [], ages: [], offers: new Set() }));
    return f;
  };
  const serviceOrg = new Map<string, string>();
  for (const s of services.values()) {
    const where = { file: 'services.csv', line: s.line };
    const orgId = orgOfLocation(v(s, 'location_id'));
    if (!orgId || !orgs.has(orgId)) {
      plan.rejected.push({ ...where, field: 'location_id', reason: `service "${v(s, 'name')}": its location ${v(s, 'location_id') || '(none)'} belongs to no known organization` });
      continue;
    }
    serviceOrg.set(v(s, 'id'), orgId);
    const status = v(s, 'status') || 'active';
    if (status !== 'active') {
      plan.rejected.push({ ...where, field: 'status', reason: `service "${v(s, 'name') || v(s, 'id')}" is ${status}: not imported` });
      continue;
    }
    const facts = orgFacts(orgId);
    const route = v(s, 'application_process');
    if (route && !facts.routes.includes(route)) facts.routes.push(route);
    const limits = parseAgeLimits(v(s, 'eligibility'));
    if (limits) {
      const clamped = clampAges(limits.min, limits.max);
      if (clamped) facts.ages.push(clamped);
      else plan.rejected.push({ ...where, field: 'eligibility', reason: `age limits "${v(s, 'eligibility').slice(0, 80)}" are outside 0–25: the agency keeps the default age range` });
    }
    const termIds = v(s, 'taxonomy_ids').split(',').map((t) => t.trim()).filter(Boolean);
    const specs: string[] = [];
    for (const t of termIds) {
      const id = specialismForTerm(t, where);
      if (id) specs.push(id);
    }
    if (!specs.length) {
      const matched = matcher.match(v(s, 'name'));
      if (matched) specs.push(matched);
      else {
        const keywords = v(s, 'keywords').split(',').map((k) => k.trim()).filter((k) => k && k.length <= 120);
        const data = validateNode(
          plan,
          'Specialism',
          {
            name: v(s, 'name'),
            domain: guessDomain(v(s, 'name'), v(s, 'keywords'), v(s, 'description')),
            description: v(s, 'description').slice(0, 2000),
            synonyms: [...new Set(keywords)].slice(0, 20).map((term) => ({ term })),
            source: `import:${sourceName}`,
          },
          where,
        );
        if (data) {
          const id = importId(sourceName, 'Specialism', `service:${v(s, 'id')}`);
          plan.nodes.push({ label: 'Specialism', id, data, sourceKey: `service:${v(s, 'id')}`, ...where });
          matcher.add({ id, name: v(s, 'name'), terms: [] });
          specs.push(id);
        }
      }
    }
    for (const id of specs) {
      if (facts.offers.has(id)) continue;
      facts.offers.add(id);
      plan.rels.push({ type: 'OFFERS', fromLabel: 'Agency', toLabel: 'Specialism', from: agencyId(orgId), to: id, properties: {}, ...where });
    }
    for (const area of v(s, 'service_areas').split(',').map((a) => a.trim()).filter(Boolean)) {
      const loc = localityFor(area, where);
      if (loc) addServes(agencyId(orgId), 'Agency', loc, where);
    }
  }

  // organizations -> agencies
  for (const o of orgs.values()) {
    const where = { file: 'organizations.csv', line: o.line };
    const orgId = v(o, 'id');
    const facts = orgFacts(orgId);
    const locs = [...locations.values()].filter((l) => v(l, 'organization_id') === orgId);
    const addr = locs.map((l) => addressByLocation.get(v(l, 'id'))).find(Boolean);
    const phone = phoneOf('organization_id', orgId) ?? locs.map((l) => phoneOf('location_id', v(l, 'id'))).find(Boolean);
    const website = v(o, 'website');
    const candidate: Record<string, unknown> = {
      name: v(o, 'name'),
      sector: sectorOf(`${v(o, 'name')} ${v(o, 'description')}`),
      description: v(o, 'description').slice(0, 4000),
      website: website && /^https?:\/\//.test(website) ? website : null,
      phone: phone ? v(phone, 'number') : null,
      address: addr ? [v(addr, 'address_1'), v(addr, 'address_2'), v(addr, 'city'), v(addr, 'state_province'), v(addr, 'postal_code')].filter(Boolean).join(', ').slice(0, 400) : '',
      referralRoute: facts.routes.join(' ').slice(0, 4000),
      source: `import:${sourceName}`,
    };
    if (facts.ages.length) candidate.ageRange = { min: Math.min(...facts.ages.map((a) => a.min)), max: Math.max(...facts.ages.map((a) => a.max)) };
    if (website && !candidate.website) plan.rejected.push({ ...where, field: 'website', reason: `"${website}" is not an http(s) URL: left empty` });
    const data = validateNode(plan, 'Agency', candidate, where);
    if (!data) continue;
    plan.nodes.push({ label: 'Agency', id: agencyId(orgId), data, sourceKey: `organization:${orgId}`, ...where });
    for (const l of locs) {
      const a = addressByLocation.get(v(l, 'id'));
      if (a && v(a, 'city')) {
        const loc = localityFor(v(a, 'city'), { file: 'addresses.csv', line: a.line });
        if (loc) addServes(agencyId(orgId), 'Agency', loc, { file: 'addresses.csv', line: a.line });
      }
    }
  }
  const agencyIds = new Set(plan.nodes.filter((n) => n.label === 'Agency').map((n) => n.id));
  plan.rels = plan.rels.filter((r) => {
    if (r.fromLabel !== 'Agency' || agencyIds.has(r.from)) return true;
    plan.rejected.push({ file: r.file, line: r.line, reason: `${r.type}: its organization was rejected` });
    return false;
  });

  // contacts -> practitioners
  const people = new Map<string, number>();
  for (const c of rows('contacts.csv')) {
    const where = { file: 'contacts.csv', line: c.line };
    const orgId =
      v(c, 'organization_id') || orgOfLocation(v(c, 'location_id')) || (v(c, 'service_id') ? (serviceOrg.get(v(c, 'service_id')) ?? '') : '');
    if (!orgId || !agencyIds.has(agencyId(orgId))) {
      plan.rejected.push({ ...where, reason: `contact "${v(c, 'name')}" belongs to no imported organization` });
      continue;
    }
    const key = `contact:${orgId}:${slug(v(c, 'name'))}`;
    const first = people.get(key);
    if (first) {
      plan.rejected.push({ ...where, reason: `same person and organization as contacts.csv line ${first}: merged into one practitioner` });
      continue;
    }
    const title = v(c, 'title');
    const email = v(c, 'email');
    const phone = phoneOf('contact_id', v(c, 'id'));
    const data = validateNode(
      plan,
      'Practitioner',
      {
        name: v(c, 'name'),
        profession: STRATEGIC_TITLE.test(title) ? 'service-manager' : 'other',
        title,
        level: STRATEGIC_TITLE.test(title) ? 'strategic' : 'operational',
        email: email || null,
        phone: phone ? v(phone, 'number') : null,
        source: `import:${sourceName}`,
      },
      where,
    );
    if (!data) continue;
    people.set(key, c.line);
    const id = importId(sourceName, 'Practitioner', key);
    plan.nodes.push({ label: 'Practitioner', id, data, sourceKey: key, ...where });
    plan.rels.push({ type: 'WORKS_FOR', fromLabel: 'Practitioner', toLabel: 'Agency', from: id, to: agencyId(orgId), properties: title ? { role: title.slice(0, 160) } : {}, ...where });
  }
  const unusedTerms = [...taxonomy.keys()].filter((t) => !usedTaxonomy.has(t)).length;
  if (unusedTerms) noteUnmapped(plan, 'taxonomy.csv', '(terms no imported service uses)', unusedTerms);
  return plan;
}
