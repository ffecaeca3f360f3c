import type { DirectoryLabel, Sector } from '@knotwork/graph-schema';
import { slug } from '@knotwork/seed';
import { parseCsv, type CsvRecord } from './csv-import.js';
import { fitText, ImportFormatError, importId, newPlan, noteUnmapped, uniqueBy, validateNode, type ImportPlan } from './import-plan.js';
import { OfferBook, offerTermsOf } from './offer-terms.js';
import { toPlainText } from './plain-text.js';
import { guessDomain, parseAgeLimits, servedAges, TaxonomyMatcher, type SpecialismTerm } from './taxonomy-match.js';

const PHONE = /^[+0-9 ().-]{6,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "650-372-6200 ext. 12 (fax; Main Library)": a number with what the source said of it. */
function phoneText(number: string, extension: string, type: string, owner: string): string {
  const about = [type, owner].filter(Boolean).join(', '); // not ';', which separates list items in Knotwork CSV
  return `${number}${extension ? ` ext. ${extension}` : ''}${about ? ` (${about})` : ''}`.replaceAll(';', ',').slice(0, 160);
}

/**
 * Open Referral HSDS 1.x CSV in the Ohana API layout (organizations.csv, locations.csv, services.csv,
 * contacts.csv, phones.csv, addresses.csv, taxonomy.csv, …):
 *   organizations -> Agency (sector guessed from the words; the organisation's own main number as phone, every
 *                    other number of it, its locations and services in otherPhones with kind and owner; email of
 *                    the organisation, else of a location or service; address of its first location; referral
 *                    route from the services' application process; age range from eligibility as given, or
 *                    "not stated" — never a default)
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
  'organizations.csv': ['id', 'name', 'description', 'website', 'email'],
  'locations.csv': ['id', 'organization_id', 'name', 'email', 'description', 'short_desc', 'latitude', 'longitude', 'accessibility'],
  'regular_schedules.csv': ['id', 'location_id', 'weekday', 'opens_at', 'closes_at'],
  'services.csv': ['id', 'location_id', 'name', 'description', 'keywords', 'eligibility', 'application_process', 'service_areas', 'status', 'taxonomy_ids', 'email', 'audience', 'fees', 'languages'],
  'contacts.csv': ['id', 'location_id', 'organization_id', 'service_id', 'name', 'title', 'email'],
  'phones.csv': ['id', 'contact_id', 'location_id', 'organization_id', 'service_id', 'number', 'number_type', 'extension', 'department'],
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
  for (const [file, { records }] of byName) plan.files.push({ file, status: 'read', records: records.length });

  // A repeated id is an error: which of the rows is the record is not the importer's guess to make.
  const duplicates: ImportFormatError['errors'] = [];
  const byId = (file: string) => uniqueBy(file, rows(file), (r) => v(r, 'id'), duplicates);
  const orgs = byId('organizations.csv');
  const locations = byId('locations.csv');
  const services = byId('services.csv');
  byId('contacts.csv');
  byId('phones.csv');
  if (duplicates.length) throw new ImportFormatError(duplicates);

  // Indexes by owner: one pass each (a scan per organisation made planning quadratic in the input).
  const group = (file: string, key: string) => {
    const out = new Map<string, CsvRecord[]>();
    for (const r of rows(file)) {
      const k = v(r, key);
      if (!k) continue;
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  };
  const addressesByLocation = group('addresses.csv', 'location_id');
  const locationsByOrg = group('locations.csv', 'organization_id');
  const servicesByLocation = group('services.csv', 'location_id');
  const phonesBy = { contact: group('phones.csv', 'contact_id'), location: group('phones.csv', 'location_id'), organization: group('phones.csv', 'organization_id'), service: group('phones.csv', 'service_id') };
  const usablePhone = (p: CsvRecord) => PHONE.test(v(p, 'number'));
  const isFax = (p: CsvRecord) => /fax/i.test(v(p, 'number_type'));
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
  const perOrg = new Map<string, { routes: string[]; email: string }>();
  const offers = new OfferBook();
  const orgFacts = (orgId: string) => {
    let f = perOrg.get(orgId);
    if (!f) perOrg.set(orgId, (f = { routes: [], email: '' }));
    return f;
  };
  const serviceOrg = new Map<string, string>();
  const serviceSpecialisms = new Map<string, string[]>();
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
    const ages = limits ? servedAges(limits.min, limits.max) : null;
    if (!ages && limits) plan.warnings.push({ ...where, field: 'eligibility', reason: `age limits "${v(s, 'eligibility').slice(0, 80)}" are impossible (min above max): ages left as not stated` });
    const terms = offerTermsOf(
      plan,
      {
        service: v(s, 'name'),
        eligibility: v(s, 'eligibility'),
        fees: v(s, 'fees'),
        audience: v(s, 'audience'),
        languages: v(s, 'languages').split(',').map((l) => l.trim()),
        minimumAge: ages?.min ?? null,
        maximumAge: ages?.max ?? null,
      },
      where,
    );
    if (!facts.email && EMAIL.test(v(s, 'email'))) facts.email = v(s, 'email');
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
        plan.seen.add(importId(sourceName, 'Specialism', `service:${v(s, 'id')}`));
        const data = validateNode(
          plan,
          'Specialism',
          {
            name: v(s, 'name'),
            domain: guessDomain(v(s, 'name'), v(s, 'keywords'), v(s, 'description')),
            description: fitText(plan, v(s, 'description'), 2000, { ...where, field: 'description' }),
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
    serviceSpecialisms.set(v(s, 'id'), specs);
    for (const id of specs) offers.add(agencyId(orgId), id, terms, where);
    for (const area of v(s, 'service_areas').split(',').map((a) => a.trim()).filter(Boolean)) {
      const loc = localityFor(area, where);
      if (loc) addServes(agencyId(orgId), 'Agency', loc, where);
    }
  }

  // locations -> Location (HAS_LOCATION from the agency, PROVIDES the specialisms of the services offered there)
  const schedulesByLocation = group('regular_schedules.csv', 'location_id');
  const addLocation = (l: CsvRecord, orgName: string, agency: string) => {
    const where = { file: 'locations.csv', line: l.line };
    const locId = v(l, 'id');
    const id = importId(sourceName, 'Location', `location:${locId}`);
    plan.seen.add(id);
    const addresses = addressesByLocation.get(locId) ?? [];
    const a = addresses[0];
    for (const extra of addresses.slice(1)) plan.warnings.push({ file: 'addresses.csv', line: extra.line, reason: `location ${locId} has more than one street address: the first is kept` });
    const hours = (schedulesByLocation.get(locId) ?? [])
      .filter((r) => !v(r, 'service_id'))
      .map((r) => `${v(r, 'weekday')} ${v(r, 'opens_at')}–${v(r, 'closes_at')}`.trim());
    const phone = (phonesBy.location.get(locId) ?? []).find((p) => !v(p, 'contact_id') && usablePhone(p) && !isFax(p));
    const coordinate = (k: string) => (v(l, k) === '' ? null : Number(v(l, k)));
    const data = validateNode(
      plan,
      'Location',
      {
        name: v(l, 'name') || `${orgName} (location ${locId})`,
        description: fitText(plan, toPlainText(v(l, 'description') || v(l, 'short_desc')).text, 2000, { ...where, field: 'description' }),
        address: a ? fitText(plan, [v(a, 'address_1'), v(a, 'address_2'), v(a, 'city'), v(a, 'state_province')].filter(Boolean).join(', '), 400, { file: 'addresses.csv', line: a.line, field: 'address' }) : '',
        postcode: a ? v(a, 'postal_code') : '',
        latitude: coordinate('latitude'),
        longitude: coordinate('longitude'),
        openingTimes: fitText(plan, hours.join('\n'), 2000, { ...where, field: 'openingTimes' }),
        accessibility: fitText(plan, v(l, 'accessibility'), 2000, { ...where, field: 'accessibility' }),
        phone: phone ? v(phone, 'number') : null,
        email: EMAIL.test(v(l, 'email')) ? v(l, 'email') : null,
        source: `import:${sourceName}`,
      },
      where,
    );
    if (!data) return;
    plan.nodes.push({ label: 'Location', id, data, sourceKey: `location:${locId}`, ...where });
    plan.rels.push({ type: 'HAS_LOCATION', fromLabel: 'Agency', toLabel: 'Location', from: agency, to: id, properties: {}, ...where });
    const provided = new Set((servicesByLocation.get(locId) ?? []).flatMap((s) => serviceSpecialisms.get(v(s, 'id')) ?? []));
    for (const spec of provided) plan.rels.push({ type: 'PROVIDES', fromLabel: 'Location', toLabel: 'Specialism', from: id, to: spec, properties: {}, ...where });
  };

  // organizations -> agencies
  const agesByAgency = offers.agesByAgency();
  for (const o of orgs.values()) {
    const where = { file: 'organizations.csv', line: o.line };
    const orgId = v(o, 'id');
    plan.seen.add(agencyId(orgId));
    const facts = orgFacts(orgId);
    const locs = locationsByOrg.get(orgId) ?? [];
    const addr = locs.map((l) => addressesByLocation.get(v(l, 'id'))?.[0]).find(Boolean);
    // The organisation's own line first (not a contact's, a service's or a location's), a voice number before a fax.
    const own = (phonesBy.organization.get(orgId) ?? []).filter((p) => !v(p, 'contact_id') && !v(p, 'service_id') && !v(p, 'location_id'));
    const atLocations = locs.flatMap((l) => (phonesBy.location.get(v(l, 'id')) ?? []).filter((p) => !v(p, 'contact_id')));
    const ofServices = locs.flatMap((l) => servicesByLocation.get(v(l, 'id')) ?? []).flatMap((sv) => (phonesBy.service.get(v(sv, 'id')) ?? []).filter((p) => !v(p, 'contact_id')));
    const all = [...new Set([...own, ...atLocations, ...ofServices])];
    const main = [...own, ...atLocations].find((p) => usablePhone(p) && !isFax(p));
    const ownerOf = (p: CsvRecord) =>
      v(p, 'service_id') ? v(services.get(v(p, 'service_id')) ?? o, 'name') : v(p, 'location_id') ? v(locations.get(v(p, 'location_id')) ?? o, 'name') : '';
    const otherPhones = all
      .filter((p) => p !== main && v(p, 'number'))
      .map((p) => phoneText(v(p, 'number'), v(p, 'extension'), v(p, 'number_type'), v(p, 'department') || ownerOf(p)));
    const emails = [v(o, 'email'), ...locs.map((l) => v(l, 'email')), facts.email].filter((e) => EMAIL.test(e));
    const website = v(o, 'website');
    const description = toPlainText(v(o, 'description'));
    if (description.converted) plan.warnings.push({ ...where, field: 'description', reason: 'HTML converted to text' });
    const candidate: Record<string, unknown> = {
      name: v(o, 'name'),
      sector: sectorOf(`${v(o, 'name')} ${description.text}`),
      description: fitText(plan, description.text, 4000, { ...where, field: 'description' }),
      website: website || null,
      phone: main ? v(main, 'number') : null,
      otherPhones: otherPhones.slice(0, 50),
      email: emails[0] ?? null,
      address: addr
        ? fitText(plan, [v(addr, 'address_1'), v(addr, 'address_2'), v(addr, 'city'), v(addr, 'state_province'), v(addr, 'postal_code')].filter(Boolean).join(', '), 400, { file: 'addresses.csv', line: addr.line, field: 'address' })
        : '',
      referralRoute: fitText(plan, facts.routes.join(' '), 4000, { ...where, field: 'referralRoute' }),
      // as the services give them; "not stated" (null) rather than a default when none does
      ageRange: agesByAgency.get(agencyId(orgId)) ?? null,
      source: `import:${sourceName}`,
    };
    if (otherPhones.length > 50) plan.warnings.push({ ...where, field: 'otherPhones', reason: `${otherPhones.length} further numbers: the first 50 kept` });
    const data = validateNode(plan, 'Agency', candidate, where);
    if (!data) continue;
    plan.nodes.push({ label: 'Agency', id: agencyId(orgId), data, sourceKey: `organization:${orgId}`, ...where });
    for (const l of locs) {
      const a = addressesByLocation.get(v(l, 'id'))?.[0];
      if (a && v(a, 'city')) {
        const loc = localityFor(v(a, 'city'), { file: 'addresses.csv', line: a.line });
        if (loc) addServes(agencyId(orgId), 'Agency', loc, { file: 'addresses.csv', line: a.line });
      }
      addLocation(l, v(o, 'name'), agencyId(orgId));
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
    plan.seen.add(importId(sourceName, 'Practitioner', key));
    const first = people.get(key);
    if (first) {
      plan.rejected.push({ ...where, reason: `same person and organization as contacts.csv line ${first}: merged into one practitioner` });
      continue;
    }
    const title = v(c, 'title');
    const email = v(c, 'email');
    const phones = (phonesBy.contact.get(v(c, 'id')) ?? []).filter((p) => v(p, 'number'));
    const phone = phones.find((p) => usablePhone(p) && !isFax(p));
    for (const p of phones) {
      if (p !== phone) plan.warnings.push({ file: 'phones.csv', line: p.line, field: 'number', reason: `contact "${v(c, 'name')}" has more than one number: only ${phone ? v(phone, 'number') : 'none'} kept` });
    }
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
        ageRange: null, // a contact's record does not say which ages they work with
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
  offers.flush(plan);
  return plan;
}
