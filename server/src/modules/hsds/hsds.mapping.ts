import { uuidv5 } from '@knotwork/seed';
import type { AgencyRow } from './hsds.repository.js';

/**
 * Knotwork → Open Referral HSDS 3 / ORUK 3.0: an agency is an organization; each specialism it offers is one of its
 * services (the specialism its taxonomy term, the terms the source gave for it — eligibility, fees, languages,
 * ages, else the agency's ages — and the agency's referral route), with the
 * agency's areas and the locations that provide it. People are not published: HSDS contacts are public contact
 * points, and a practitioner's details are not the standard API's to give out.
 */
type Row = Record<string, unknown>;
export const KNOWLEDGE_TAXONOMY = { id: uuidv5('hsds-taxonomy:knotwork-specialisms'), name: 'knotwork-specialisms' };

/** A service is an agency's offer of a specialism: a stable id from the pair. */
export const hsdsServiceId = (agencyId: string, specialismId: string) =>
  uuidv5(`hsds-service:${agencyId}:${specialismId}`);

export function term(s: { id: string; name: string; description: string | null; parentId: string | null }) {
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    taxonomy: KNOWLEDGE_TAXONOMY.name,
    ...(s.parentId ? { parent_id: s.parentId } : {}),
  };
}

export function location(l: Row) {
  return {
    id: String(l.id),
    name: String(l.name),
    description: String(l.description ?? ''),
    latitude: (l.latitude as number | null) ?? null,
    longitude: (l.longitude as number | null) ?? null,
    email: (l.email as string | null) ?? null,
    phones: l.phone ? [{ id: uuidv5(`hsds-phone:${String(l.id)}`), number: String(l.phone) }] : [],
    addresses:
      l.address || l.postcode
        ? [
            {
              id: uuidv5(`hsds-address:${String(l.id)}`),
              address_1: String(l.address ?? ''),
              postal_code: String(l.postcode ?? ''),
              address_type: 'physical',
            },
          ]
        : [],
    accessibility: l.accessibility
      ? [{ id: uuidv5(`hsds-access:${String(l.id)}`), description: String(l.accessibility) }]
      : [],
  };
}

export function organizationBasic(a: AgencyRow) {
  const p = a.props;
  return {
    id: String(p.id),
    name: String(p.name),
    description: String(p.description ?? ''),
    email: (p.email as string | null) ?? null,
    website: (p.website as string | null) ?? null,
  };
}

/** The offer's own ages when the source stated them, else the agency's. */
function ages(r: { ageMin?: unknown; ageMax?: unknown }) {
  return {
    ...(r.ageMin != null ? { minimum_age: Number(r.ageMin) } : {}),
    ...(r.ageMax != null ? { maximum_age: Number(r.ageMax) } : {}),
  };
}

export function service(a: AgencyRow, offer: AgencyRow['offers'][number], withOrganization: boolean) {
  const p = a.props;
  const t = offer.terms ?? {};
  return {
    id: hsdsServiceId(String(p.id), offer.id),
    name: offer.name,
    description: offer.description ?? '',
    status: 'active' as const,
    ...(t.service && t.service !== offer.name ? { alternate_name: t.service } : {}),
    ...ages(t.ageMin !== undefined || t.ageMax !== undefined ? t : { ageMin: p.ageMin, ageMax: p.ageMax }),
    application_process: String(p.referralRoute ?? ''),
    ...(t.eligibility ? { eligibility_description: t.eligibility } : {}),
    ...(t.fees ? { fees_description: t.fees } : {}),
    languages: (t.languages ?? []).map((name) => ({
      id: uuidv5(`hsds-language:${String(p.id)}:${offer.id}:${name}`),
      name,
    })),
    attributes: [{ taxonomy_term: term(offer) }],
    service_areas: a.areas.map((name) => ({ id: uuidv5(`hsds-area:${String(p.id)}:${name}`), name })),
    service_at_locations: a.locations
      .filter((l) => ((l.provides as string[]) ?? []).includes(offer.id))
      .map((l) => ({ id: uuidv5(`hsds-sal:${offer.id}:${String(l.id)}`), location: location(l) })),
    ...(withOrganization ? { organization: organizationBasic(a) } : {}),
  };
}

export function organization(a: AgencyRow) {
  const p = a.props;
  const numbers = [p.phone, ...((p.otherPhones as string[] | undefined) ?? [])].filter(Boolean).map(String);
  return {
    ...organizationBasic(a),
    phones: numbers.map((number, i) => ({ id: uuidv5(`hsds-phone:${String(p.id)}:${i}`), number })),
    services: a.offers.map((o) => service(a, o, false)),
    // locations where no specialism is recorded as offered still belong to the organisation
    locations: a.locations.filter((l) => !((l.provides as string[]) ?? []).length).map(location),
  };
}

/** The standard's page envelope. */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
