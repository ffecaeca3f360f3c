import { uuidv5 } from '@knotwork/seed';
import type { Db } from '../../lib/db.js';
import { agenciesForHsds } from './transfer.repository.js';

/**
 * Knotwork → Open Referral HSDS 3 / ORUK 3.0 JSON: one list page of organizations, each with its services (one per
 * specialism the agency offers, its taxonomy term the specialism), service areas, and the locations where each
 * service is offered. People are not exported: HSDS contacts are public contact points, and a practitioner's
 * details are not the export's to publish. `import --format oruk-json` reads the file back to the same agencies,
 * offers, locations and areas — except the areas of an agency that offers no service: HSDS has areas on services
 * only.
 */
type Row = Record<string, unknown>;
type Offer = { id: string; name: string; description: string | null; parentId: string | null };
const TAXONOMY = 'knotwork-specialisms';

/** A service is an agency's offer of a specialism: a stable id from the pair. */
export const hsdsServiceId = (agencyId: string, specialismId: string) => uuidv5(`hsds-service:${agencyId}:${specialismId}`);

function organization(a: Row): Row {
  const offers = (a.offers as Offer[]) ?? [];
  const locations = (a.locations as Row[]) ?? [];
  const areas = (a.areas as string[]) ?? [];
  const phones = [a.phone, ...((a.otherPhones as string[] | undefined) ?? [])].filter(Boolean).map((number, i) => ({ id: uuidv5(`hsds-phone:${a.id}:${i}`), number }));
  return {
    id: a.id,
    name: a.name,
    description: a.description ?? '',
    email: a.email ?? null,
    website: a.website ?? null,
    phones,
    services: offers.map((s) => ({
      id: hsdsServiceId(String(a.id), s.id),
      name: s.name,
      description: s.description ?? '',
      status: 'active',
      ...(a.ageMin != null ? { minimum_age: a.ageMin } : {}),
      ...(a.ageMax != null ? { maximum_age: a.ageMax } : {}),
      application_process: a.referralRoute ?? '',
      attributes: [{ taxonomy_term: { id: s.id, name: s.name, description: s.description ?? '', taxonomy: TAXONOMY, ...(s.parentId ? { parent_id: s.parentId } : {}) } }],
      service_areas: areas.map((name) => ({ id: uuidv5(`hsds-area:${a.id}:${name}`), name })),
      service_at_locations: locations
        .filter((l) => ((l.provides as string[]) ?? []).includes(s.id))
        .map((l) => ({ id: uuidv5(`hsds-sal:${s.id}:${l.id}`), location: location(l) })),
    })),
    // locations where no specialism is recorded as offered still belong to the organisation
    locations: locations.filter((l) => !((l.provides as string[]) ?? []).length).map(location),
  };
}

function location(l: Row): Row {
  return {
    id: l.id,
    name: l.name,
    description: l.description ?? '',
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
    email: l.email ?? null,
    phones: l.phone ? [{ id: uuidv5(`hsds-phone:${l.id}`), number: l.phone }] : [],
    addresses: l.address || l.postcode ? [{ id: uuidv5(`hsds-address:${l.id}`), address_1: l.address ?? '', postal_code: l.postcode ?? '', address_type: 'physical' }] : [],
    accessibility: l.accessibility ? [{ id: uuidv5(`hsds-access:${l.id}`), description: l.accessibility }] : [],
  };
}

/** The export as one HSDS list page (`{total_items, …, contents}`), ordered by id: the same graph gives the same file. */
export async function hsdsOrganizations(db: Db, sources: string[] | null): Promise<Row> {
  const agencies = await db.read((tx) => agenciesForHsds(tx, sources));
  const contents = agencies.map(organization);
  return { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
}
