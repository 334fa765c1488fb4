import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  AUDIT_GENESIS_HASH,
  type AuditChainFields,
  canonicalAuditEvent,
  hashAuditEvent,
} from './audit-hash';

const event: AuditChainFields = {
  seq: 42,
  id: '0b5e7c1e-6a0e-4f7e-9a51-3c1f3f8e2a10',
  occurredAt: new Date('2026-11-22T10:15:30.123Z'),
  actorUserId: '7d1f7c0a-2b8e-4a57-8a3c-0d6f1e9b4c21',
  actorRole: 'team-member',
  onBehalfOf: null,
  organisationId: '3e9a5c2b-1f4d-4b6e-9c8a-7f2e1d0c5b43',
  action: 'team.read',
  objectType: 'team',
  objectId: 'a4c3b2d1-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
  clientId: null,
  purpose: 'mdo',
  context: {
    meetingId: 'c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    itemId: 'd4c3b2a1-f6e5-4b7a-9d8c-5d4c3b2a1f0e',
  },
  outcome: 'allowed',
  channel: 'http',
  sourceIp: '127.0.0.1',
  requestId: 'req-12345678',
  legalBasis: 'jeugdwet.7.4.0',
};

describe('audit hash chain', () => {
  it('serialises every field in a fixed order, ISO timestamps, null as empty, context key-sorted', () => {
    expect(canonicalAuditEvent(event)).toBe(
      JSON.stringify([
        'v1',
        '42',
        '0b5e7c1e-6a0e-4f7e-9a51-3c1f3f8e2a10',
        '2026-11-22T10:15:30.123Z',
        '7d1f7c0a-2b8e-4a57-8a3c-0d6f1e9b4c21',
        'team-member',
        '',
        '3e9a5c2b-1f4d-4b6e-9c8a-7f2e1d0c5b43',
        'team.read',
        'team',
        'a4c3b2d1-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
        '',
        'mdo',
        '{"itemId":"d4c3b2a1-f6e5-4b7a-9d8c-5d4c3b2a1f0e","meetingId":"c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}',
        'allowed',
        'http',
        '127.0.0.1',
        'req-12345678',
        'jeugdwet.7.4.0',
      ]),
    );
  });

  it('hashes SHA-256 over prev_hash followed by the canonical form, as hex', () => {
    const expected = createHash('sha256')
      .update(AUDIT_GENESIS_HASH + canonicalAuditEvent(event))
      .digest('hex');
    expect(hashAuditEvent(AUDIT_GENESIS_HASH, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(AUDIT_GENESIS_HASH).toBe('0'.repeat(64));
    // Pinned: a change of the format would silently orphan every stored chain.
    expect(hashAuditEvent(AUDIT_GENESIS_HASH, event)).toBe(PINNED_HASH);
  });

  it('does not depend on the key order of the context (jsonb reorders keys)', () => {
    const { meetingId, itemId } = event.context as Record<string, string>;
    const reordered = { ...event, context: { itemId, meetingId } };
    expect(hashAuditEvent(AUDIT_GENESIS_HASH, reordered)).toBe(
      hashAuditEvent(AUDIT_GENESIS_HASH, event),
    );
  });

  it('changes when any field, the position or the previous hash changes', () => {
    const base = hashAuditEvent(AUDIT_GENESIS_HASH, event);
    const variants: Partial<AuditChainFields>[] = [
      { seq: 43 },
      { id: '0b5e7c1e-6a0e-4f7e-9a51-3c1f3f8e2a11' },
      { occurredAt: new Date('2026-11-22T10:15:30.124Z') },
      { actorUserId: null },
      { actorRole: 'chair' },
      { onBehalfOf: '7d1f7c0a-2b8e-4a57-8a3c-0d6f1e9b4c21' },
      { organisationId: null },
      { action: 'team.update' },
      { objectType: 'meeting' },
      { objectId: null },
      { clientId: '7d1f7c0a-2b8e-4a57-8a3c-0d6f1e9b4c21' },
      { purpose: null },
      { context: null },
      { context: { meetingId: 'c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' } },
      { outcome: 'denied' },
      { channel: 'socket' },
      { sourceIp: '127.0.0.2' },
      { requestId: null },
      { legalBasis: null },
    ];
    const hashes = variants.map((v) => hashAuditEvent(AUDIT_GENESIS_HASH, { ...event, ...v }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
    expect(hashAuditEvent('1'.repeat(64), event)).not.toBe(base);
  });

  it('keeps adjacent fields apart: moving text across a boundary changes the hash', () => {
    const a = { ...event, actorRole: 'team', objectType: 'member' };
    const b = { ...event, actorRole: 'team-member', objectType: null };
    expect(canonicalAuditEvent(a)).not.toBe(canonicalAuditEvent(b));
  });
});

const PINNED_HASH = '6aec65d740b7ce5ab2884866e83e6024f548fbf15f87d34a6009fd821d9fb10b';
