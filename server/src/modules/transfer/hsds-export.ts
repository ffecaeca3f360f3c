import type { Db } from '../../lib/db.js';
import { organization, page } from '../hsds/hsds.mapping.js';
import { createHsdsRepository } from '../hsds/hsds.repository.js';

/**
 * `export --format hsds`: every agency (of these sources) as an Open Referral HSDS 3 / ORUK organization with its
 * services, areas and locations (see hsds.mapping.ts), in one list page ordered by id: the same graph gives the same
 * file. `import --format oruk-json` reads it back to the same agencies, offers, locations and areas — except the
 * areas of an agency that offers no service: HSDS has areas on services only.
 */
export async function hsdsOrganizations(db: Db, sources: string[] | null) {
  const rows = await createHsdsRepository(db).agencies({ sources });
  return page(rows.map(organization), rows.length, 1, Math.max(1, rows.length));
}
