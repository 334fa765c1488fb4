import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditObject {
  type: string;
  id: string | null;
}

export interface Attribution {
  organisationId: string | null;
  /** The household concerned, when the object belongs to one. */
  clientId: string | null;
}

/** Route parameter (and socket payload field) → the audit object type it names. */
const OBJECT_TYPES: Readonly<Record<string, string>> = {
  teamId: 'team',
  meetingId: 'meeting',
  itemId: 'agenda-item',
  invitationId: 'guest-invitation',
  householdId: 'household',
  personId: 'person',
  networkPersonId: 'network-person',
  consentId: 'consent',
  caseId: 'case',
  preparationId: 'preparation',
  recordId: 'meldcode-record',
  actionId: 'action',
  userId: 'user',
};

/** Per object type: one row of (organisation_id, client_id) for the object's id ($1). */
const ATTRIBUTION_SQL: Readonly<Record<string, string>> = {
  team: 'SELECT organisation_id, NULL AS client_id FROM "team" WHERE id = $1',
  user: 'SELECT organisation_id, NULL AS client_id FROM "app_user" WHERE id = $1',
  'guest-invitation':
    'SELECT organisation_id, NULL AS client_id FROM "guest_invitation" WHERE id = $1',
  meeting:
    'SELECT t.organisation_id, NULL AS client_id FROM "meeting" m JOIN "team" t ON t.id = m.team_id WHERE m.id = $1',
  'agenda-item':
    'SELECT t.organisation_id, NULL AS client_id FROM "agenda_item" a JOIN "meeting" m ON m.id = a.meeting_id JOIN "team" t ON t.id = m.team_id WHERE a.id = $1',
  action:
    'SELECT t.organisation_id, NULL AS client_id FROM "meeting_action" a JOIN "team" t ON t.id = a.team_id WHERE a.id = $1',
  household:
    'SELECT t.organisation_id, h.id AS client_id FROM "household" h JOIN "team" t ON t.id = h.team_id WHERE h.id = $1',
  person:
    'SELECT t.organisation_id, h.id AS client_id FROM "person" p JOIN "household" h ON h.id = p.household_id JOIN "team" t ON t.id = h.team_id WHERE p.id = $1',
  'network-person':
    'SELECT t.organisation_id, h.id AS client_id FROM "network_person" p JOIN "household" h ON h.id = p.household_id JOIN "team" t ON t.id = h.team_id WHERE p.id = $1',
  consent:
    'SELECT t.organisation_id, h.id AS client_id FROM "consent" c JOIN "household" h ON h.id = c.household_id JOIN "team" t ON t.id = h.team_id WHERE c.id = $1',
  case: 'SELECT t.organisation_id, c.household_id AS client_id FROM "client_case" c JOIN "team" t ON t.id = c.team_id WHERE c.id = $1',
  preparation:
    'SELECT t.organisation_id, c.household_id AS client_id FROM "preparation" p JOIN "client_case" c ON c.id = p.case_id JOIN "team" t ON t.id = c.team_id WHERE p.id = $1',
  'meldcode-record':
    'SELECT t.organisation_id, c.household_id AS client_id FROM "meldcode_record" r JOIN "client_case" c ON c.id = r.case_id JOIN "team" t ON t.id = c.team_id WHERE r.id = $1',
};

/**
 * Who an audit event belongs to when the caller cannot say (an anonymous or refused call):
 * the object a request targets, found from its route parameters or socket payload, and the
 * organisation (and household) of that object, so the organisation admin's viewer shows it.
 */
@Injectable()
export class AuditAttribution {
  private readonly logger = new Logger(AuditAttribution.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The most specific object named by route parameters (the last one) or a payload's ids. */
  objectOf(values: unknown): AuditObject | null {
    if (typeof values !== 'object' || values === null) return null;
    let found: AuditObject | null = null;
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const type = OBJECT_TYPES[name];
      if (type && typeof value === 'string' && UUID.test(value))
        found = { type, id: value.toLowerCase() };
    }
    return found;
  }

  /** The organisation and household of `object`; nulls when unknown or not found. */
  async attribute(object: AuditObject | null): Promise<Attribution> {
    const none: Attribution = { organisationId: null, clientId: null };
    const sql = object?.id ? ATTRIBUTION_SQL[object.type] : undefined;
    if (!object?.id || !sql || !UUID.test(object.id)) return none;
    try {
      const rows = (await this.dataSource.query(sql, [object.id])) as {
        organisation_id: string | null;
        client_id: string | null;
      }[];
      const row = rows[0];
      return row ? { organisationId: row.organisation_id, clientId: row.client_id } : none;
    } catch (error) {
      // Attribution is a courtesy to the viewer: the event itself must still be written
      // (and fails on its own, loudly, if the database is gone).
      this.logger.debug({ err: error, objectType: object.type }, 'Audit attribution failed');
      return none;
    }
  }
}
