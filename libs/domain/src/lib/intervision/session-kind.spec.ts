import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { kindAllows, lockedOut } from '../session/kind';
import {
  applySessionCommand,
  createSessionRoom,
  projectEvent,
  projectState,
  type SessionCommandInput,
  type SessionRoomState,
} from '../session/session-room';
import { copyMethod, findMethod, type IntervisionMethod } from './methods';
import { intervisionKindId, intervisionSessionKind, phaseContributionType } from './session-kind';

const method = (id: string): IntervisionMethod => {
  const found = findMethod(id);
  if (!found) throw new Error(id);
  return found;
};
const INCIDENT = method('incidentmethode');
const KIND = intervisionSessionKind(INCIDENT);
const SESSION = randomUUID();
let n = 0;

function send(state: SessionRoomState, role: string, body: Record<string, unknown>) {
  return applySessionCommand(
    KIND,
    state,
    { commandId: randomUUID(), sessionId: SESSION, ...body } as SessionCommandInput,
    { actorUserId: `u-${role}`, role, now: 1, newId: () => `c${++n}` },
  );
}
function ok(result: ReturnType<typeof send>) {
  if (!result.ok) throw new Error(result.error);
  return result;
}
function toPhase(state: SessionRoomState, key: string): SessionRoomState {
  let s = state;
  while (s.phase !== key) s = ok(send(s, 'gespreksleider', { type: 'phase:advance' })).state;
  return s;
}

describe('intervision methods as session kinds', () => {
  it('takes the phases with their time boxes and the roles of the method', () => {
    expect(KIND.phases).toEqual(
      INCIDENT.phases.map((p) => ({ id: p.key, defaultMinutes: p.minutes })),
    );
    expect(KIND.roles).toEqual(INCIDENT.roles);
    expect(KIND.id).toBe(intervisionKindId(INCIDENT));
    expect(KIND.id.length).toBeLessThanOrEqual(40);
  });

  it('lets only the gespreksleider move phases on and reveal', () => {
    for (const phase of INCIDENT.phases) {
      expect(kindAllows(KIND, phase.key, 'gespreksleider', 'phase:advance')).toBe(true);
      expect(kindAllows(KIND, phase.key, 'gespreksleider', 'contribution:reveal')).toBe(true);
      for (const role of ['inbrenger', 'timekeeper', 'deelnemer']) {
        expect(kindAllows(KIND, phase.key, role, 'phase:advance')).toBe(false);
        expect(kindAllows(KIND, phase.key, role, 'contribution:reveal')).toBe(false);
      }
    }
  });

  it('keeps a blind round hidden from every role until revealed; only its blind type is taken', () => {
    let s = toPhase(createSessionRoom(KIND, SESSION), 'vragen-noteren');
    const blind = INCIDENT.phases.find((p) => p.key === 'vragen-noteren');
    expect(blind && phaseContributionType(blind)).toBe('blind-question');
    // dodging the blindness with the open type is refused
    expect(
      send(s, 'deelnemer', { type: 'contribution:add', contributionType: 'question', text: 'x' }),
    ).toEqual({ ok: false, error: 'unknown-contribution-type' });
    const added = ok(
      send(s, 'deelnemer', {
        type: 'contribution:add',
        contributionType: 'blind-question',
        text: 'GEHEIM',
      }),
    );
    s = added.state;
    for (const role of KIND.roles) {
      expect(JSON.stringify(projectEvent(KIND, added.event, role))).not.toContain('GEHEIM');
      expect(JSON.stringify(projectState(KIND, s, role))).not.toContain('GEHEIM');
    }
    const revealed = ok(
      send(s, 'gespreksleider', {
        type: 'contribution:reveal',
        contributionType: 'blind-question',
      }),
    );
    expect(JSON.stringify(projectState(KIND, revealed.state, 'inbrenger'))).toContain('GEHEIM');
  });

  it('a listening inbrenger contributes nothing but receives everything', () => {
    const s = toPhase(createSessionRoom(KIND, SESSION), 'analyse');
    expect(
      send(s, 'inbrenger', { type: 'contribution:add', contributionType: 'analysis', text: 'x' }),
    ).toEqual({ ok: false, error: 'not-permitted' });
    const added = ok(
      send(s, 'deelnemer', { type: 'contribution:add', contributionType: 'analysis', text: 'A1' }),
    );
    expect(projectEvent(KIND, added.event, 'inbrenger')).toMatchObject({
      payload: { contribution: { text: 'A1' } },
    });
  });

  it('an absent inbrenger is locked out of the phase', () => {
    const roddel = method('roddelmethode');
    const kind = intervisionSessionKind(roddel);
    for (const phase of roddel.phases)
      expect(lockedOut(kind, phase.key, 'inbrenger')).toBe(phase.inbrenger === 'absent');
    expect(roddel.phases.some((p) => p.inbrenger === 'absent')).toBe(true);
  });

  it('the inbrenger rates questions koud, lauw or warm where the method says so', () => {
    let s = toPhase(createSessionRoom(KIND, SESSION), 'informatieronde');
    s = ok(
      send(s, 'deelnemer', { type: 'contribution:add', contributionType: 'question', text: 'V?' }),
    ).state;
    const id = s.contributions.at(-1)?.id;
    expect(
      send(s, 'deelnemer', { type: 'contribution:rate', contributionId: id, rating: 'warm' }),
    ).toEqual({ ok: false, error: 'not-permitted' });
    expect(
      send(s, 'inbrenger', { type: 'contribution:rate', contributionId: id, rating: 'heet' }),
    ).toEqual({ ok: false, error: 'invalid-rating' });
    const rated = ok(
      send(s, 'inbrenger', { type: 'contribution:rate', contributionId: id, rating: 'lauw' }),
    );
    expect(rated.state.contributions.at(-1)).toMatchObject({ rating: 'lauw' });
  });

  it('records reflections and learning points in the last phase', () => {
    const s = toPhase(createSessionRoom(KIND, SESSION), INCIDENT.phases.at(-1)?.key ?? '');
    for (const type of ['reflection', 'learning-point'])
      expect(
        send(s, 'deelnemer', { type: 'contribution:add', contributionType: type, text: 'Geleerd' }),
      ).toMatchObject({ ok: true });
  });

  it("turns a trainer's adapted copy into a kind of its own", () => {
    const copy = copyMethod(INCIDENT, 'incident-kort', {
      phases: INCIDENT.phases.map((p) => ({ ...p, minutes: 3 })),
    });
    if (!copy.ok) throw new Error('copy');
    const kind = intervisionSessionKind(copy.method);
    expect(kind.id).not.toBe(KIND.id);
    expect(kind.phases.every((p) => p.defaultMinutes === 3)).toBe(true);
    expect(intervisionSessionKind(structuredClone(copy.method)).id).toBe(kind.id);
  });
});
