import { describe, expect, it } from '@jest/globals';
import {
  type AuditRecordInput,
  InvalidAuditRecordError,
  parseAuditRecordInput,
} from './audit-record.schema';

const USER = '7d1f7c0a-2b8e-4a57-8a3c-0d6f1e9b4c21';
const CLIENT = 'a4c3b2d1-0e9f-4a8b-8c7d-6e5f4a3b2c1d';

const valid: AuditRecordInput = {
  action: 'case.read',
  outcome: 'allowed',
  actor: { userId: USER, role: 'team-member' },
  object: { type: 'case', id: CLIENT },
  clientId: CLIENT,
  purpose: 'mdo',
  context: { meetingId: USER },
  channel: 'http',
  source: { ip: '::ffff:127.0.0.1', requestId: 'req-abcdefgh' },
  legalBasis: 'jeugdwet.7.4.0',
};

function issuesOf(input: unknown): string[] {
  try {
    parseAuditRecordInput(input as AuditRecordInput);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAuditRecordError);
    return (error as InvalidAuditRecordError).issues.map((i) => i.path);
  }
  return [];
}

describe('audit record input', () => {
  it('accepts ids and codes, fills absent optionals with null and lower-cases uuids', () => {
    const parsed = parseAuditRecordInput({
      action: 'auth.login',
      outcome: 'failed',
      actor: { userId: null, role: null },
      channel: 'http',
      source: { ip: '10.0.0.1' },
    });
    expect(parsed).toEqual({
      action: 'auth.login',
      outcome: 'failed',
      actor: { userId: null, role: null, onBehalfOf: null, organisationId: null },
      object: null,
      clientId: null,
      purpose: null,
      context: null,
      channel: 'http',
      source: { ip: '10.0.0.1', requestId: null },
      legalBasis: null,
    });
    expect(parseAuditRecordInput({ ...valid, clientId: CLIENT.toUpperCase() }).clientId).toBe(
      CLIENT,
    );
    expect(parseAuditRecordInput({ ...valid, legalBasis: USER.toUpperCase() }).legalBasis).toBe(
      USER,
    );
    expect(parseAuditRecordInput(valid).context).toEqual({ meetingId: USER });
  });

  it.each<[string, Partial<AuditRecordInput> | Record<string, unknown>, string]>([
    ['a name as client id', { clientId: 'Jan Jansen' }, 'clientId'],
    ['a BSN as client id', { clientId: '123456782' }, 'clientId'],
    [
      'an e-mail address as user id',
      { actor: { userId: 'jan@example.nl', role: 'team-member' } },
      'actor.userId',
    ],
    ['a name as role', { actor: { userId: USER, role: 'Jan Jansen' } }, 'actor.role'],
    ['a name as object id', { object: { type: 'case', id: 'jansen' } }, 'object.id'],
    ['free text as purpose', { purpose: 'gesprek over schulden van Jan' }, 'purpose'],
    ['free text in the context', { context: { note: 'belt morgen terug' } }, 'context.note'],
    ['an e-mail address as legal basis', { legalBasis: 'jan@example.nl' }, 'legalBasis'],
    ['an action outside the vocabulary shape', { action: 'Read case of Jan' }, 'action'],
    ['an unknown outcome', { outcome: 'success' }, 'outcome'],
    ['an unknown channel', { channel: 'email' }, 'channel'],
    ['a host name as source ip', { source: { ip: 'pc-van-jan.local' } }, 'source.ip'],
    ['an extra field', { name: 'Jan Jansen' }, ''],
    [
      'an extra actor field',
      { actor: { userId: USER, role: 'x', email: 'jan@example.nl' } },
      'actor',
    ],
  ])('refuses %s', (_label, override, path) => {
    expect(issuesOf({ ...valid, ...override })).toContain(path);
  });

  it('names fields and rules in the error, never the offending values', () => {
    let error: unknown;
    try {
      parseAuditRecordInput({ ...valid, clientId: 'Jan Jansen', purpose: 'jan@example.nl' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidAuditRecordError);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).toContain('clientId');
    expect(text).not.toMatch(/Jan|example/);
  });
});
