import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helper.js';
import type { App } from '../../app.js';
import { createTestWorld, signIn, type TestWorld } from '../graph/test-world.fixture.js';

let app: App;
let world: TestWorld;
let cookie: string;

beforeAll(async () => {
  app = await buildTestApp();
  world = await createTestWorld(app.neo4j);
  ({ cookie } = await signIn(app, 'practitioner', world.ids.mia!));
});
afterAll(async () => {
  await world?.cleanup();
  await app?.close();
});

const post = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/team', headers: { cookie, 'x-knotwork-csrf': '1' }, payload });

describe('POST /api/team', () => {
  it('suggests a team covering every coverable need and lists the uncovered one with the nearest provider', async () => {
    const { ids } = world;
    const res = await post({
      needs: [ids.need_speech, ids.need_attendance, ids.need_housing, ids.need_bereavement],
      age: 10,
      locality: ids.north,
      asOf: '2026-06-01',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byNeed = Object.fromEntries(
      body.candidatesByNeed.map((c: { need: { id: string }; candidates: Array<{ practitioner: { id: string } }> }) => [
        c.need.id,
        c.candidates.map((x) => x.practitioner.id),
      ]),
    );
    expect(byNeed[ids.need_speech!]).toEqual([ids.sally]);
    expect(byNeed[ids.need_attendance!][0]).toBe(ids.ewan); // practises it; Alex is only aware
    expect(byNeed[ids.need_attendance!]).toContain(ids.alex);
    expect(byNeed[ids.need_housing!]).toEqual([ids.hal]);
    expect(byNeed[ids.need_bereavement!]).toEqual([]);

    const members = body.team.members.map((m: { practitionerId: string }) => m.practitionerId);
    expect(members).toHaveLength(3);
    expect(members).toEqual(expect.arrayContaining([ids.sally, ids.hal]));
    expect(body.team.ties.length).toBeGreaterThan(0);
    expect(body.uncovered).toEqual([
      {
        need: { id: ids.need_bereavement, name: `Bereavement ${world.suffix}` },
        nearestOutside: { practitionerId: ids.bea, name: world.name('bea'), localityName: `South ${world.suffix}` },
      },
    ]);

    const sally = body.candidatesByNeed[0].candidates[0];
    expect(sally.breakdown.specialism).toBe(1);
    expect(sally.breakdown.locality).toBe(1);
    expect(sally.breakdown.closeness).toBeGreaterThan(0); // Mia and Sally share a forum
    expect(sally.reasons[0]).toBe(`leads on Speech and language therapy ${world.suffix}`);
    expect(sally.evidence.collaborations).toBe(3);
    expect(sally.evidence.lastOn).toBe('2026-03-14');
    const hal = body.candidatesByNeed[2].candidates[0];
    expect(hal.breakdown.locality).toBe(0.8);
    expect(hal.reasons[1]).toBe(`serves Authority ${world.suffix}, which includes North ${world.suffix}`);
  });

  it('names the nearest provider outside the area however many rank ahead of them further away', async () => {
    const { ids } = world;
    // 320 leads in a ward of South (3 steps from North), whose ids sort before Bea's (2 steps, in South itself):
    // more than any one read of holders takes, so only a search outward by distance finds Bea.
    const faraway = randomUUID();
    const farLeads = Array.from({ length: 320 }, (_, i) => `00000000-${world.suffix.slice(0, 4)}-4000-8000-${String(i).padStart(12, '0')}`);
    const session = app.neo4j.session();
    try {
      await session.executeWrite((tx) =>
        tx.run(
          `MATCH (south:Locality {id: $south}), (s:Specialism {id: $spec})
           CREATE (l:Locality {id: $faraway, name: $name, kind: 'ward'})-[:WITHIN]->(south)
           WITH l, s UNWIND $farLeads AS id
           CREATE (p:Practitioner {id: id, name: 'Far lead ' + id, profession: 'camhs-clinician', level: 'operational'})
           CREATE (p)-[:HAS_SPECIALISM {level: 'lead', since: '2019-01-01'}]->(s)
           CREATE (p)-[:SERVES]->(l)`,
          { south: ids.south, spec: ids.bereave, faraway, name: `Faraway ${world.suffix}`, farLeads },
        ),
      );
      const res = await post({ needs: [ids.need_bereavement], age: 10, locality: ids.north, asOf: '2026-06-01' });
      expect(res.statusCode).toBe(200);
      expect(res.json().uncovered[0].nearestOutside).toEqual({
        practitionerId: ids.bea,
        name: world.name('bea'),
        localityName: `South ${world.suffix}`,
      });
      // From inside the ward, its own leads are in the area: the need is covered, nothing is uncovered.
      const inWard = await post({ needs: [ids.need_bereavement], age: 10, locality: faraway, asOf: '2026-06-01' });
      expect(inWard.json().uncovered).toEqual([]);
    } finally {
      await session.executeWrite((tx) =>
        tx.run('MATCH (n) WHERE (n:Practitioner AND n.id IN $farLeads) OR (n:Locality AND n.id = $faraway) DETACH DELETE n', {
          farLeads,
          faraway,
        }),
      );
      await session.close();
    }
  });

  it('filters by age and rejects bad input', async () => {
    const { ids } = world;
    const res = await post({ needs: [ids.need_speech], age: 20, locality: ids.north });
    expect(res.json().candidatesByNeed[0].candidates).toEqual([]);
    expect((await post({ needs: [], age: 10, locality: ids.north })).statusCode).toBe(400);
    expect((await post({ needs: [ids.north], age: 10, locality: ids.north })).statusCode).toBe(400);
    expect((await post({ needs: [ids.need_speech], age: 10, locality: ids.need_speech })).statusCode).toBe(404);
  });
});
