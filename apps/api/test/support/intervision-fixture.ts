import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type {
  CaseDetail,
  HouseholdDetail,
  LiveAck,
  Person,
  SessionJoinResult,
} from '@casustafel/contracts';
import type { BrowserClient } from './browser-client';
import { must } from './must';
import { pdfPages } from './pdf-text';
import { type FakeClock, type LiveClient, nextEvent, type TestApp } from './test-app';
import { signIn } from '../factories/case-file.factory';
import {
  createOrganisation,
  createTeam,
  createUser,
  dataSourceOf,
} from '../factories/identity.factory';
import {
  IntervisionCaseEntity,
  IntervisionCaseSourceEntity,
} from '../../src/modules/intervision/intervision.entities';

export const PEOPLE = {
  anna: 'Anna Noordhoek', // made the copy (the only one with a route back); not in the session
  tina: 'Tina Trainer', // trainer: starts and leads
  inge: 'Inge Inbreng', // inbrenger
  dirk: 'Dirk Deelnemer',
  tom: 'Tom Tijd', // timekeeper
  nora: 'Nora Nietmee', // team member, not a participant
  bob: 'Bob Buitenteam', // other team
} as const;
export type Who = keyof typeof PEOPLE;

export interface IntervisionWorld {
  teamId: string;
  ids: Record<Who, string>;
  clients: Record<Who, BrowserClient>;
  /** The released copy and one still in review. */
  copyId: string;
  draftId: string;
  /** What must never reach a participant: the source case's ids and names. */
  source: { caseId: string; householdId: string; personIds: string[]; names: string[] };
}

/**
 * A team with a released intervision copy of a real case: the case is made over the api (so
 * its ids and names exist), the copy is written directly (its anonymisation is tested in
 * intervision.integration-spec.ts).
 */
export async function intervisionWorld(t: TestApp, clock: FakeClock): Promise<IntervisionWorld> {
  const org = await createOrganisation(t.app);
  const teamId = (await createTeam(t.app, org.id, { name: 'Wijkteam Noord' })).id;
  const otherTeam = (await createTeam(t.app, org.id, { name: 'Wijkteam Zuid' })).id;
  const ids = {} as Record<Who, string>;
  const clients = {} as Record<Who, BrowserClient>;
  for (const [who, displayName] of Object.entries(PEOPLE) as [Who, string][]) {
    const teams: [string, ('member' | 'trainer')[]][] =
      who === 'bob'
        ? [[otherTeam, ['member']]]
        : [[teamId, who === 'tina' ? ['member', 'trainer'] : ['member']]];
    const u = await createUser(t.app, { organisationId: org.id, displayName, totp: true, teams });
    ids[who] = u.user.id;
    clients[who] = await signIn(t, clock, u.user.email, must(u.totpSecret));
  }
  const anna = clients.anna;
  const household = await anna.post<HouseholdDetail>(`/api/teams/${teamId}/households`, {
    label: 'Gezin El Amrani',
    address: { street: 'Kerkstraat 12', postcode: '3072 AP', city: 'Rotterdam' },
  });
  expect(household.status).toBe(201);
  const personIds: string[] = [];
  for (const person of [
    { givenName: 'Fatima', familyName: 'el Amrani', role: 'ouder', dateOfBirth: '1990-03-12' },
    { givenName: 'Yusuf', familyName: 'el Amrani', role: 'kind', dateOfBirth: '2016-05-01' },
  ]) {
    const added = await anna.post<Person>(`/api/households/${household.body.id}/persons`, person);
    expect(added.status).toBe(201);
    personIds.push(added.body.id);
  }
  const created = await anna.post<CaseDetail>(`/api/teams/${teamId}/cases`, {
    householdId: household.body.id,
    title: 'Zorgen om Yusuf el Amrani',
    casusregisseurId: ids.anna,
  });
  expect(created.status).toBe(201);
  const data = dataSourceOf(t.app);
  const copy = async (status: 'released' | 'in-review') => {
    const row = await data.getRepository(IntervisionCaseEntity).save({
      teamId,
      title: 'Zorgen om Sem de Wit',
      status,
      sections: [
        {
          key: 'vraag',
          title: 'Vraag aan de groep',
          text: 'Hoe helpen we moeder om Sem weer naar school te krijgen?',
          spans: [{ start: 31, end: 34, label: 'name_known' as never, decision: null }],
        },
      ],
      createdBy: ids.anna,
      createdAt: clock.now(),
      releasedBy: status === 'released' ? ids.tina : null,
      releasedAt: status === 'released' ? clock.now() : null,
    });
    await data.getRepository(IntervisionCaseSourceEntity).save({
      intervisionCaseId: row.id,
      caseId: created.body.id,
      createdBy: ids.anna,
      reason: 'Leerzame casus over schoolverzuim',
      createdAt: clock.now(),
    });
    return row.id;
  };
  return {
    teamId,
    ids,
    clients,
    copyId: await copy('released'),
    draftId: await copy('in-review'),
    source: {
      caseId: created.body.id,
      householdId: household.body.id,
      personIds,
      names: ['Fatima', 'Yusuf', 'Amrani', 'Kerkstraat', 'Rotterdam', 'Leerzame casus', ids.anna],
    },
  };
}

/**
 * A participant's socket that keeps every raw frame it receives (engine.io packets: events,
 * acks, join answers), so a test can look for a canary in all of it.
 */
export class RecordingSocket {
  readonly frames: string[] = [];
  readonly events: { seq: number; type: string; payload: unknown }[] = [];

  constructor(
    readonly socket: LiveClient,
    private readonly sessionId: string,
  ) {
    socket.io.engine.on('packet', (packet: unknown) => this.frames.push(JSON.stringify(packet)));
    socket.on(
      'session:event' as never,
      ((event: { seq: number; type: string; payload: unknown }) =>
        this.events.push(event)) as never,
    );
  }

  async connected(): Promise<void> {
    if (!this.socket.connected) await nextEvent(this.socket, 'connect');
  }

  async join(lastSeq?: number): Promise<LiveAck<SessionJoinResult>> {
    return (await this.socket.timeout(5000).emitWithAck('session:join', {
      sessionId: this.sessionId,
      ...(lastSeq === undefined ? {} : { lastSeq }),
    })) as LiveAck<SessionJoinResult>;
  }

  async send(body: Record<string, unknown>): Promise<LiveAck<{ seq: number }>> {
    return (await this.socket.timeout(5000).emitWithAck('session:command', {
      sessionId: this.sessionId,
      commandId: randomUUID(),
      ...body,
    } as never)) as LiveAck<{ seq: number }>;
  }

  saw(canary: string): boolean {
    return this.frames.some((frame) => frame.includes(canary));
  }
}

/** The text of a PDF download, after checking it is one. */
export async function pdfText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  return (await pdfPages(bytes)).join('\n');
}
