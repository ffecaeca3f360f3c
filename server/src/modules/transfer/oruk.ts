import type { DirectoryLabel } from '@knotwork/graph-schema';
import { slug } from '@knotwork/seed';
import { fitText, ImportFormatError, importId, newPlan, noteUnmapped, validateNode, type ImportPlan } from './import-plan.js';
import { OfferBook, offerTermsOf } from './offer-terms.js';
import { toPlainText } from './plain-text.js';
import { guessDomain, TaxonomyMatcher, type SpecialismTerm } from './taxonomy-match.js';

/**
 * HSDS 3 / Open Referral UK 3.0 JSON: the API payloads organization, service, service_at_location, taxonomy,
 * taxonomy_term — full objects, list pages ({contents: [...]}) or arrays of them, one or more files. Also ORUK 1.0
 * feeds (pages {content: [...]}; eligibilitys[], service_taxonomys[], physical_addresses[], cost_options[], and the
 * PlaceCube extensions pc_targetAudience and pc_attendingAccess_additionalInfo).
 *   organization -> Agency (parent_organization_id -> PART_OF when the parent is in the import)
 *   service      -> Agency OFFERS Specialism (attributes[].taxonomy_term matched through the thesaurus, else
 *                   created, BROADER to its parent term when known; no terms -> by service name);
 *                   with the service's terms on the OFFERS tie (eligibility, fees, audience, languages, ages as
 *                   given; -1 means not stated); service_areas -> Locality; contacts -> Practitioner
 *   service_at_location / locations -> Locality of the address city; the agency SERVES it
 *   taxonomy / taxonomy_term -> Specialism (matched or created)
 * `line` in the report is the 1-based index of the record in its file.
 */
type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '');
const arr = (x: unknown): Obj[] => (Array.isArray(x) ? x.filter(isObj) : []);
const PHONE = /^[+0-9 ().-]{6,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Offset of the first JSON syntax error (JSON.parse does not always say where), or -1. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (pos) {
    return typeof pos === 'number' ? pos : -1;
  }
}

export function parseJsonStrict(file: string, text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/, ".*$/, '');
    const pos = jsonErrorOffset(body);
    if (pos < 0) throw new ImportFormatError([{ file, reason: `malformed JSON: ${msg}` }]);
    const before = body.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw new ImportFormatError([{ file, line, reason: `malformed JSON at column ${column}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
}

type Kind = 'organization' | 'service' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';
export function kindOf(o: Obj): Kind | null {
  if ('term' in o || 'term_uri' in o) return 'taxonomy_term';
  if ('taxonomy_terms' in o || 'version' in o) return 'taxonomy';
  if (isObj(o.service) && isObj(o.location)) return 'service_at_location';
  if ('organization' in o || 'service_at_locations' in o || 'minimum_age' in o || 'status' in o) return 'service';
  if ('name' in o) return 'organization';
  return null;
}

const KNOWN: Record<string, string[]> = {
  organization: ['id', 'name', 'description', 'website', 'url', 'email', 'phones', 'services', 'parent_organization_id', 'contacts', 'locations'],
  service: [
    'id', 'name', 'description', 'status', 'minimum_age', 'maximum_age', 'application_process', 'service_areas', 'service_at_locations', 'contacts',
    'attributes', 'organization', 'phones', 'eligibility_description', 'email', 'fees', 'fees_description', 'cost_options', 'languages',
    'eligibilitys', 'service_taxonomys', 'pc_targetAudience', 'pc_attendingAccess_additionalInfo',
  ],
  service_at_location: ['id', 'service', 'location'],
  location: ['id', 'name', 'description', 'addresses', 'physical_addresses', 'latitude', 'longitude', 'accessibility', 'accessibility_for_disabilities', 'phones', 'email'],
  taxonomy: ['id', 'name', 'description', 'taxonomy_terms'],
  taxonomy_term: ['id', 'name', 'description', 'parent_id', 'taxonomy', 'term', 'code'],
  contact: ['id', 'name', 'title', 'email', 'phones'],
};

/** Page envelope keys: ORUK 3.0 / HSDS 3 (snake case) and ORUK 1.0 (a Spring page). */
const PAGE_KEYS = new Set([
  'contents', 'total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty',
  'content', 'totalElements', 'totalPages', 'number', 'numberOfElements', 'first', 'last', 'sort', 'pageable',
]);
/** ORUK 1.0 feeds say -1 for "no age limit given". */
const age = (x: unknown): number | null => (typeof x === 'number' && x !== -1 ? x : null);
const joinText = (parts: string[], sep = '\n') => [...new Set(parts.map((p) => p.trim()).filter(Boolean))].join(sep);

export function planOrukJson(files: Record<string, string>, sourceName: string, existing: SpecialismTerm[]): ImportPlan {
  const plan = newPlan('oruk-json', sourceName);
  const errors: ImportFormatError['errors'] = [];
  const items: { file: string; index: number; obj: Obj; kind: Kind }[] = [];
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = path.split(/[\\/]/).pop()!;
    let data: unknown;
    try {
      data = parseJsonStrict(file, text);
    } catch (e) {
      if (e instanceof ImportFormatError) {
        errors.push(...e.errors);
        continue;
      }
      throw e;
    }
    const pageList = isObj(data) ? (Array.isArray(data.contents) ? data.contents : Array.isArray(data.content) ? data.content : null) : null;
    const list = Array.isArray(data) ? data : (pageList ?? [data]);
    if (isObj(data) && pageList) {
      for (const k of Object.keys(data)) if (!PAGE_KEYS.has(k)) noteUnmapped(plan, file, `page.${k}`);
    }
    list.forEach((obj, i) => {
      if (!isObj(obj)) {
        errors.push({ file, line: i + 1, reason: 'not a JSON object' });
        return;
      }
      const kind = kindOf(obj);
      if (!kind) plan.rejected.push({ file, line: i + 1, reason: 'not an organization, service, service_at_location, taxonomy or taxonomy_term' });
      else items.push({ file, index: i + 1, obj, kind });
    });
  }
  if (errors.length) throw new ImportFormatError(errors);

  const source = `import:${sourceName}`;
  const matcher = new TaxonomyMatcher(existing);
  const ids = new Set<string>();
  const agencyNodes = new Map<string, ImportPlan['nodes'][number]>();
  const relKeys = new Set<string>();
  const unmapped = (file: string, kind: string, o: Obj) => {
    for (const [k, val] of Object.entries(o)) {
      if (KNOWN[kind]!.includes(k) || val === null || val === '' || (Array.isArray(val) && !val.length)) continue;
      noteUnmapped(plan, file, `${kind}.${k}`);
    }
  };
  const addNode = (label: DirectoryLabel, sourceKey: string, candidate: Obj, where: { file: string; line: number }): string | null => {
    const id = importId(sourceName, label, sourceKey);
    plan.seen.add(id);
    if (ids.has(id)) return id;
    const data = validateNode(plan, label, { ...candidate, source }, where);
    if (!data) return null;
    ids.add(id);
    const node = { label, id, data, sourceKey, ...where };
    plan.nodes.push(node);
    if (label === 'Agency') agencyNodes.set(id, node);
    return id;
  };
  const addRel = (type: Parameters<typeof plan.rels.push>[0]['type'], fromLabel: DirectoryLabel, toLabel: DirectoryLabel, from: string, to: string, properties: Obj, where: { file: string; line: number }) => {
    const key = `${type}|${from}|${to}`;
    if (relKeys.has(key)) return;
    relKeys.add(key);
    plan.rels.push({ type, fromLabel, toLabel, from, to, properties, ...where });
  };

  /** A description as text (HTML converted, with a warning) within `max` characters (cut with a warning). */
  const description = (value: unknown, max: number, where: { file: string; line: number }) => {
    const { text, converted } = toPlainText(str(value));
    if (converted) plan.warnings.push({ ...where, field: 'description', reason: 'HTML converted to text' });
    return fitText(plan, text, max, { ...where, field: 'description' });
  };
  const phoneNumbers = (o: Obj) =>
    arr(o.phones)
      .map((p) => ({ number: str(p.number), type: str(p.type), about: str(p.description) }))
      .filter((p) => p.number);

  /** The taxonomy terms a service names: HSDS 3 attributes[].taxonomy_term, ORUK 1.0 service_taxonomys[].taxonomy. */
  function termsOfService(s: Obj): Obj[] {
    const out = arr(s.attributes).map((a) => a.taxonomy_term).filter(isObj);
    for (const t of arr(s.service_taxonomys)) {
      const tax = isObj(t.taxonomy) ? t.taxonomy : null;
      if (tax) out.push({ id: tax.id, name: tax.name, taxonomy: tax.vocabulary, parent_id: tax.parent, description: tax.description });
    }
    return out;
  }
  const offers = new OfferBook();
  const termIds = new Map<string, string>(); // partner term id -> specialism id
  const terms = new Map<string, Obj>();
  for (const it of items) {
    const all = it.kind === 'taxonomy_term' ? [it.obj] : it.kind === 'taxonomy' ? arr(it.obj.taxonomy_terms) : [];
    const services = it.kind === 'service' ? [it.obj] : it.kind === 'service_at_location' ? [it.obj.service as Obj] : it.kind === 'organization' ? arr(it.obj.services) : [];
    for (const s of services) all.push(...termsOfService(s));
    for (const t of all) if (str(t.id)) terms.set(str(t.id), t);
  }
  const specialismForTerm = (t: Obj, where: { file: string; line: number }, depth = 0): string | null => {
    const tid = str(t.id) || slug(str(t.name));
    const known = termIds.get(tid);
    if (known) return known;
    const name = str(t.name) || str(t.term);
    if (!name) {
      plan.rejected.push({ ...where, field: 'taxonomy_term.name', reason: 'taxonomy term without a name' });
      return null;
    }
    const matched = matcher.match(name);
    if (matched) {
      termIds.set(tid, matched);
      return matched;
    }
    const id = addNode('Specialism', `taxonomy_term:${tid}`, { name, domain: guessDomain(name, str(t.taxonomy)), description: description(t.description, 2000, where), synonyms: [] }, where);
    if (!id) return null;
    termIds.set(tid, id);
    matcher.add({ id, name, terms: [] });
    const parent = terms.get(str(t.parent_id));
    if (parent && depth < 10) {
      const pid = specialismForTerm(parent, where, depth + 1);
      if (pid && pid !== id) addRel('BROADER', 'Specialism', 'Specialism', id, pid, {}, where);
    } else if (str(t.parent_id)) {
      noteUnmapped(plan, where.file, 'taxonomy_term.parent_id (parent not in this import)');
    }
    return id;
  };

  const orgParents: { id: string; parent: string; where: { file: string; line: number } }[] = [];
  const orgIdByPartner = new Map<string, string>();
  const organization = (o: Obj, where: { file: string; line: number }): string | null => {
    const pid = str(o.id) || slug(str(o.name));
    if (orgIdByPartner.has(pid)) return orgIdByPartner.get(pid)!;
    unmapped(where.file, 'organization', o);
    const website = str(o.website) || str(o.url);
    const phones = phoneNumbers(o);
    const main = phones.find((p) => PHONE.test(p.number) && !/fax/i.test(p.type));
    const otherPhones = phones.filter((p) => p !== main).map((p) => `${p.number}${p.type || p.about ? ` (${[p.type, p.about].filter(Boolean).join(', ')})` : ''}`.slice(0, 160));
    const text = `${str(o.name)} ${str(o.description)}`;
    const sector = /\bnhs|health|clinic|hospital\b/i.test(text) ? 'health' : /\bcouncil|borough|county\b/i.test(text) ? 'local-authority' : /\bschool|academy|college\b/i.test(text) ? 'education' : /\bhousing\b/i.test(text) ? 'housing' : /\bpolice\b/i.test(text) ? 'police' : 'vcs';
    const id = addNode('Agency', `organization:${pid}`, {
        name: str(o.name),
        sector,
        description: description(o.description, 4000, where),
        website: website || null,
        phone: main?.number ?? null,
        otherPhones: otherPhones.slice(0, 50),
        email: str(o.email) || null,
        ageRange: null, // set from its services' ages below, when any says
      }, where);
    if (!id) return null;
    orgIdByPartner.set(pid, id);
    if (str(o.parent_organization_id)) orgParents.push({ id, parent: str(o.parent_organization_id), where });
    for (const s of arr(o.services)) service(s, id, where);
    for (const l of arr(o.locations)) location(l, id, where);
    for (const c of arr(o.contacts)) contact(c, id, where);
    return id;
  };
  const locality = (name: string, where: { file: string; line: number }): string | null => {
    if (!name) return null;
    if (name.length > 60) {
      plan.rejected.push({ ...where, field: 'service_area', reason: `"${name.slice(0, 50)}…" is a description, not a place name: no locality created` });
      return null;
    }
    return addNode('Locality', `area:${slug(name)}`, { name, kind: /county|borough|council/i.test(name) ? 'authority' : 'district' }, where);
  };
  /** A location: the agency SERVES its address's city; the place itself becomes a Location that PROVIDES `specialisms`. */
  const location = (l: Obj, agency: string, where: { file: string; line: number }, specialisms: string[] = []) => {
    unmapped(where.file, 'location', l);
    const addresses = [...arr(l.addresses), ...arr(l.physical_addresses)];
    for (const a of addresses) {
      const loc = locality(str(a.city), where);
      if (loc) addRel('SERVES', 'Agency', 'Locality', agency, loc, {}, where);
    }
    const a = addresses.find((x) => str(x.address_type) !== 'postal') ?? addresses[0];
    const coordinate = (x: unknown) => (typeof x === 'number' ? x : null);
    const id = addNode(
      'Location',
      `location:${str(l.id) || slug(str(l.name))}`,
      {
        name: str(l.name) || `${str(a?.address_1) || 'Location'}`,
        description: description(l.description, 2000, where),
        address: a ? [str(a.address_1), str(a.address_2), str(a.city), str(a.region), str(a.state_province)].filter(Boolean).join(', ').slice(0, 400) : '',
        postcode: a ? str(a.postal_code) : '',
        latitude: coordinate(l.latitude),
        longitude: coordinate(l.longitude),
        accessibility: fitText(
          plan,
          [...arr(l.accessibility), ...arr(l.accessibility_for_disabilities)].map((x) => [str(x.description) || str(x.accessibility), str(x.details)].filter(Boolean).join(': ')).filter(Boolean).join('\n'),
          2000,
          { ...where, field: 'accessibility' },
        ),
        phone: phoneNumbers(l).find((p) => PHONE.test(p.number))?.number ?? null,
        email: str(l.email) || null,
      },
      where,
    );
    if (!id) return;
    addRel('HAS_LOCATION', 'Agency', 'Location', agency, id, {}, where);
    for (const spec of specialisms) addRel('PROVIDES', 'Location', 'Specialism', id, spec, {}, where);
  };
  const contact = (c: Obj, agency: string, where: { file: string; line: number }) => {
    unmapped(where.file, 'contact', c);
    const name = str(c.name);
    if (!name) {
      plan.rejected.push({ ...where, field: 'contact.name', reason: 'contact without a name: not imported as a practitioner' });
      return;
    }
    const title = str(c.title);
    const email = str(c.email);
    const phone = phoneNumbers(c).find((p) => PHONE.test(p.number) && !/fax/i.test(p.type))?.number;
    const id = addNode('Practitioner', `contact:${str(c.id) || slug(name)}`, { name, profession: 'other', title, email: email || null, phone: phone ?? null, ageRange: null }, where);
    if (id) addRel('WORKS_FOR', 'Practitioner', 'Agency', id, agency, title ? { role: title.slice(0, 160) } : {}, where);
  };
  /** Returns the specialisms the service offers ([] when it was not imported). */
  const service = (s: Obj, agencyGiven: string | null, where: { file: string; line: number }): string[] => {
    unmapped(where.file, 'service', s);
    const agency = agencyGiven ?? (isObj(s.organization) ? organization(s.organization, where) : null);
    if (!agency) {
      plan.rejected.push({ ...where, reason: `service "${str(s.name)}" has no organization: not imported` });
      return [];
    }
    const status = str(s.status) || 'active';
    if (status !== 'active') {
      plan.rejected.push({ ...where, field: 'status', reason: `service "${str(s.name)}" is ${status}: not imported` });
      return [];
    }
    const specs: string[] = [];
    for (const t of termsOfService(s)) {
      const id = specialismForTerm(t, where);
      if (id) specs.push(id);
    }
    if (!specs.length) {
      const id = matcher.match(str(s.name)) ?? addNode('Specialism', `service:${str(s.id) || slug(str(s.name))}`, { name: str(s.name), domain: guessDomain(str(s.name), str(s.description)), description: description(s.description, 2000, where), synonyms: [] }, where);
      if (id) {
        matcher.add({ id, name: str(s.name), terms: [] });
        specs.push(id);
      }
    }
    const eligibilities = arr(s.eligibilitys);
    const mins = [age(s.minimum_age), ...eligibilities.map((e) => age(e.minimum_age))].filter((x): x is number => x !== null);
    const maxes = [age(s.maximum_age), ...eligibilities.map((e) => age(e.maximum_age))].filter((x): x is number => x !== null);
    const terms = offerTermsOf(
      plan,
      {
        service: str(s.name),
        eligibility: toPlainText(joinText([str(s.eligibility_description), ...eligibilities.map((e) => str(e.eligibility))])).text,
        fees: toPlainText(
          joinText([str(s.fees_description), str(s.fees), ...arr(s.cost_options).map((c) => [str(c.option), c.amount != null ? `£${str(c.amount)}` : '', str(c.amount_description)].filter(Boolean).join(' '))]),
        ).text,
        audience: joinText(arr(s.pc_targetAudience).map((a) => str(a.audienceType) || str(a.name)), ', '),
        languages: (Array.isArray(s.languages) ? s.languages : []).map((l) => (isObj(l) ? str(l.name) || str(l.language) : str(l))),
        minimumAge: mins.length ? Math.min(...mins) : null,
        maximumAge: maxes.length ? Math.max(...maxes) : null,
      },
      where,
    );
    for (const id of specs) offers.add(agency, id, terms, where);
    const email = str(s.email);
    const agencyNode = email ? agencyNodes.get(agency) : undefined;
    if (agencyNode && !agencyNode.data.email && EMAIL.test(email)) agencyNode.data.email = email;
    for (const area of arr(s.service_areas)) {
      const loc = locality(str(area.name) || str(area.service_area), where);
      if (loc) addRel('SERVES', 'Agency', 'Locality', agency, loc, {}, where);
    }
    for (const sal of arr(s.service_at_locations)) if (isObj(sal.location)) location(sal.location, agency, where, specs);
    for (const c of arr(s.contacts)) contact(c, agency, where);
    return specs;
  };

  for (const it of items) {
    const where = { file: it.file, line: it.index };
    if (it.kind === 'organization') organization(it.obj, where);
    else if (it.kind === 'service') service(it.obj, null, where);
    else if (it.kind === 'service_at_location') {
      const s = it.obj.service as Obj;
      const agency = isObj(s.organization) ? organization(s.organization, where) : null;
      const specs = service(s, agency, where);
      if (agency) location(it.obj.location as Obj, agency, where, specs);
    } else if (it.kind === 'taxonomy') {
      unmapped(it.file, 'taxonomy', it.obj);
      for (const t of arr(it.obj.taxonomy_terms)) specialismForTerm(t, where);
    } else specialismForTerm(it.obj, where);
  }
  // age ranges and parents once every record is known
  const ages = offers.agesByAgency();
  for (const n of agencyNodes.values()) n.data.ageRange = ages.get(n.id) ?? null;
  offers.flush(plan);
  for (const p of orgParents) {
    const parent = orgIdByPartner.get(p.parent);
    if (parent) addRel('PART_OF', 'Agency', 'Agency', p.id, parent, {}, p.where);
    else plan.rejected.push({ ...p.where, field: 'parent_organization_id', reason: `parent organization ${p.parent} is not in this import: no PART_OF link` });
  }
  return plan;
}
