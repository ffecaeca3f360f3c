import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

/**
 * Coverage by the age of the child through the API, on the test world (graph/test-world.fixture.ts) with its
 * served age ranges changed here (everyone is 0–18 there):
 *   Sally (SLT, North) 0–11, Speech Service 0–11
 *   Ewan (attendance, Riverside ⊂ North) 5–16; Alex (attendance, North) 11 and over (no ageMax); Northgate Primary 4–11
 *   Hal (housing, the whole authority) up to 18 (no ageMin); Housing Team and Attendance Team: no range
 *   Bea (bereavement, South): no range at all
 * Its own app and world, so no snapshot cached by another file's requests hides the change.
 */
let app: App;
let world: TestWorld;
let coordinator: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie: coordinator } = await signIn(app, 'coordinator'));
  const ranges: Array<[string, number | null, number | null]> = [
    ['sally', 0, 11],
    ['speech', 0, 11],
    ['ewan', 5, 16],
    ['alex', 11, null],
    ['school', 4, 11],
    ['hal', null, 18],
    ['housing', null, null],
    ['attendance', null, null],
    ['bea', null, null],
  ];
  const session = app.neo4j.session();
  try {
    for (const [key, ageMin, ageMax] of ranges)
      await session.run('MATCH (n {id: $id}) WHERE n:Practitioner OR n:Agency SET n.ageMin = $ageMin, n.ageMax = $ageMax', {
        id: world.ids[key],
        ageMin,
        ageMax,
      });
  } finally {
    await session.close();
  }
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const get = (name: string, query: string) =>
  app.inject({
    method: 'GET',
    url: `/api/insights/${name}?locality=${world.ids.authority}&asOf=2026-06-01${query}`,
    headers: { cookie: coordinator },
  });

type Cell = { localityId: string; needId: string; practitioners: number; agencies: number; flag: string };
const cells = async (age: number | null) => {
  const res = await get('coverage', age === null ? '' : `&age=${age}`);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.age).toBe(age);
  return (loc: string, need: string) => {
    const c = body.cells.find((x: Cell) => x.localityId === world.ids[loc] && x.needId === world.ids[need]) as Cell;
    return { practitioners: c.practitioners, agencies: c.agencies, flag: c.flag };
  };
};

describe('GET /api/insights/coverage?age=', () => {
  it('without an age: the same figures as before ages were asked (ranges ignored)', async () => {
    const cell = await cells(null);
    expect(cell('north', 'need_speech')).toEqual({ practitioners: 1, agencies: 1, flag: 'single' });
    expect(cell('north', 'need_attendance')).toEqual({ practitioners: 2, agencies: 2, flag: 'covered' });
    expect(cell('north', 'need_bereavement')).toEqual({ practitioners: 0, agencies: 0, flag: 'none' });
    expect(cell('south', 'need_bereavement')).toMatchObject({ practitioners: 1, flag: 'single' });
    expect(cell('riverside', 'need_housing')).toMatchObject({ practitioners: 1 });
  });

  it('counts only practitioners and agencies serving the age', async () => {
    const at5 = await cells(5);
    expect(at5('north', 'need_speech')).toEqual({ practitioners: 1, agencies: 1, flag: 'single' }); // Sally
    expect(at5('north', 'need_attendance')).toEqual({ practitioners: 1, agencies: 1, flag: 'single' }); // Ewan only
    const at14 = await cells(14);
    expect(at14('north', 'need_speech')).toEqual({ practitioners: 0, agencies: 0, flag: 'none' });
    // Ewan and Alex; Alex's school serves 4–11, so one agency
    expect(at14('north', 'need_attendance')).toEqual({ practitioners: 2, agencies: 1, flag: 'covered' });
    const at20 = await cells(20);
    expect(at20('north', 'need_attendance')).toEqual({ practitioners: 1, agencies: 0, flag: 'single' }); // Alex, open-ended
    expect(at20('riverside', 'need_housing')).toEqual({ practitioners: 0, agencies: 0, flag: 'none' }); // Hal is up to 18
    expect(at20('south', 'need_bereavement')).toMatchObject({ practitioners: 1, flag: 'single' }); // Bea: any age
    const at0 = await cells(0);
    expect(at0('riverside', 'need_housing')).toMatchObject({ practitioners: 1, flag: 'single' }); // Hal: no lower bound
  });

  it('single-points lists the needs one person covers at that age, and echoes it', async () => {
    const needs = async (age: number) => {
      const body = (await get('single-points', `&age=${age}`)).json();
      expect(body.age).toBe(age);
      return body.needs
        .filter((x: { locality: { id: string } }) => x.locality.id === world.ids.north)
        .map((x: { need: { id: string }; holder: { id: string } }) => [x.need.id, x.holder.id]);
    };
    expect(await needs(5)).toContainEqual([world.ids.need_attendance, world.ids.ewan]);
    expect(await needs(14)).not.toContainEqual([world.ids.need_attendance, world.ids.ewan]);
    expect(await needs(20)).toContainEqual([world.ids.need_attendance, world.ids.alex]);
    expect(await needs(14)).not.toContainEqual([world.ids.need_speech, world.ids.sally]);
    expect(await needs(5)).toContainEqual([world.ids.need_speech, world.ids.sally]);
    expect((await get('single-points', '')).json().age).toBeNull();
  });

  it('CSV: the age is in the file name; same columns', async () => {
    const res = await get('coverage', '&age=14&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="knotwork-coverage-2026-06-01-age-14.csv"');
    expect(res.body.split('\n')[0]).toBe('locality,locality_kind,need,domain,practitioners,agencies,flag');
    expect(res.body).toContain(`North ${world.suffix},district,Speech and language delay ${world.suffix},communication,0,0,none`);
    const single = await get('single-points', '&age=5&format=csv');
    expect(single.headers['content-disposition']).toBe('attachment; filename="knotwork-single-points-2026-06-01-age-5.csv"');
    const anyAge = await get('coverage', '&format=csv');
    expect(anyAge.headers['content-disposition']).toBe('attachment; filename="knotwork-coverage-2026-06-01.csv"');
  });

  it('rejects an age outside 0–25 or not a whole number with 400', async () => {
    for (const age of ['-1', '26', 'x', '2.5']) {
      const res = await get('coverage', `&age=${age}`);
      expect(res.statusCode, `age=${age}`).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    expect((await get('single-points', '&age=26')).statusCode).toBe(400);
    expect((await get('coverage', '&age=25')).statusCode).toBe(200);
  });
});
