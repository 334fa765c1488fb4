import { describe, expect, it } from '@jest/globals';
import type { CaseDetail, HouseholdDetail } from '@casustafel/contracts';
import { appForSuite } from './support/suite-app';
import { signIn } from './factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from './factories/identity.factory';

/**
 * The case file carries the most sensitive data we hold. Canary names, a BSN and free text go
 * in through every case-file path (valid and invalid input, query strings) and must appear in
 * no log line and nowhere in the audit log; the BSN not even in the person table.
 */
describe('no case-file data in logs', () => {
  const suite = appForSuite('pglite', { DEMO_MODE: 'false', LOG_LEVEL: 'trace' });
  const canary = {
    givenName: 'Kanariegeel',
    familyName: 'Vogelzangster',
    bsn: '111222333',
    label: 'Huishouden Kanarievlucht',
    text: 'KANARIE-DOSSIER-TEKST',
    street: 'Kanarieweg 99',
  };

  it('logs none of the canaries planted through the case file', async () => {
    const t = suite.t;
    const org = await createOrganisation(t.app);
    const team = await createTeam(t.app, org.id);
    const { user, totpSecret } = await createUser(t.app, {
      organisationId: org.id,
      totp: true,
      teams: [[team.id, ['member']]],
    });
    const b = await signIn(t, null, user.email, totpSecret);
    const household = await b.post<HouseholdDetail>(`/api/teams/${team.id}/households`, {
      label: canary.label,
      address: { street: canary.street, postcode: '1234AB', city: 'Voorbeeldstad' },
    });
    expect(household.status).toBe(201);
    const id = household.body.id;
    const person = { givenName: canary.givenName, familyName: canary.familyName, role: 'ouder' };
    expect(
      (await b.post(`/api/households/${id}/persons`, { ...person, bsn: canary.bsn })).status,
    ).toBe(201);
    expect(
      (await b.post(`/api/households/${id}/persons`, { ...person, bsn: '111222334' })).status,
    ).toBe(400);
    expect(
      (await b.post(`/api/households/${id}/persons`, { ...person, bsn: `${canary.text}` })).status,
    ).toBe(400);
    expect(
      (
        await b.post(`/api/households/${id}/network`, {
          name: canary.familyName,
          relation: 'onbekend',
        })
      ).status,
    ).toBe(400);
    const created = await b.post<CaseDetail>(`/api/teams/${team.id}/cases`, {
      householdId: id,
      title: canary.text,
      casusregisseurId: user.id,
    });
    expect(created.status).toBe(201);
    await b.post(`/api/cases/${created.body.id}/preparations`, {
      content: { vraag: canary.text, zorgen: canary.bsn },
    });
    await b.post(`/api/cases/${created.body.id}/preparations`, {
      content: { vraag: 1, onbekend: canary.text },
    });
    await b.get(
      `/api/teams/${team.id}/cases?q=${encodeURIComponent(canary.familyName)}&bsn=${canary.bsn}`,
    );
    await b.get(`/api/households/${id}`);
    await b.get(`/api/households/${id}/access-log`);

    const logs = t.rawLogs.join('\n');
    expect(t.rawLogs.length).toBeGreaterThan(10);
    for (const value of Object.values(canary)) {
      expect([value, logs.toLowerCase().includes(value.toLowerCase())]).toEqual([value, false]);
    }
    const audit = JSON.stringify(await dataSourceOf(t.app).query('SELECT * FROM "audit_event"'));
    for (const value of Object.values(canary))
      expect([value, audit.includes(value)]).toEqual([value, false]);
    const persons = JSON.stringify(await dataSourceOf(t.app).query('SELECT * FROM "person"'));
    expect(persons).not.toContain(canary.bsn);
  });
});
