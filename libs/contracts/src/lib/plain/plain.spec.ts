import { describe, expect, it } from '@jest/globals';
import type * as z from 'zod';
import { totpEnrolConfirmResponseSchema, sessionStateSchema, totpEnrolmentSchema } from '../auth';
import { errorResponseSchema } from '../errors';
import { currentUserSchema } from '../identity';
import { clockSyncResponseSchema, presenceCountSchema } from '../live';
import {
  calendarFeedViewSchema,
  notificationListSchema,
  notificationSettingsViewSchema,
} from '../notifications';
import { sessionStateCheck, totpEnrolConfirmResponseCheck, totpEnrolmentCheck } from './auth';
import type { Check } from './check';
import { errorResponseCheck } from './errors';
import { currentUserCheck } from './identity';
import { clockSyncResponseCheck, presenceCountCheck } from './live';
import {
  calendarFeedViewCheck,
  notificationListCheck,
  notificationSettingsViewCheck,
} from './notifications';

/**
 * The zod-free checks of the client shell must accept exactly what the api's zod schemas
 * accept. Each pair is run over a valid answer and over every variant of it that replaces,
 * removes or adds one value somewhere in the tree (hundreds per pair).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Value = Json | undefined;

const UUID = '6f92c5a1-451e-4367-b4bd-2d139e73985b';
const REPLACEMENTS: Value[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  '',
  'x',
  'NOT_FOUND',
  'complete',
  'chair',
  'generalist',
  'agenda-published',
  'nl',
  UUID,
  '6F92C5A1-451E-4367-B4BD-2D139E73985B',
  '6f92c5a1-451e-9367-b4bd-2d139e73985b',
  '00000000-0000-0000-0000-000000000000',
  '2026-12-07T02:00:00Z',
  '2026-12-07T02:00:00.123Z',
  '2026-12-07T02:00Z',
  '2026-12-07T02:00:00+01:00',
  '2026-02-30T02:00:00Z',
  '2026-12-07',
  'data:image/png;base64,AAAA',
  [],
  ['x'],
  {},
];

function variants(value: Value): Value[] {
  const out: Value[] = [...REPLACEMENTS];
  if (Array.isArray(value)) {
    out.push([...value, ...value.slice(0, 1)], value.slice(1), [...value, null]);
    value.forEach((item, index) => {
      for (const variant of variants(item)) {
        const copy: Value[] = [...value];
        copy[index] = variant;
        out.push(copy as Json);
      }
    });
  } else if (value !== null && typeof value === 'object') {
    out.push({ ...value, extra: 'x' });
    for (const [key, item] of Object.entries(value)) {
      for (const variant of variants(item)) {
        const copy: Record<string, Value> = { ...value };
        if (variant === undefined) delete copy[key];
        else copy[key] = variant;
        out.push(copy as Json);
      }
    }
  }
  return out;
}

const user = {
  id: UUID,
  displayName: 'Fatima el Amrani',
  email: 'fatima@voorbeeldstad.nl',
  discipline: 'generalist',
  organisationId: '8d4c021f-99dc-476d-a1ce-185790647cbf',
  organisationName: 'Voorbeeldstad',
  orgAdmin: false,
  totpEnabled: true,
  teams: [
    { teamId: UUID, teamName: 'Wijkteam Noord', roles: ['member', 'chair'] },
    { teamId: UUID, teamName: 'Jeugdteam', roles: [] },
  ],
  guest: false,
};
const session = {
  stage: 'complete',
  user,
  csrfToken: 'token',
  demo: true,
  idleTimeoutSeconds: 900,
  expiresAt: '2026-12-07T10:00:00.000Z',
  sso: { enabled: false, label: null },
};

const pairs: [string, z.ZodType, Check<unknown>, Json[]][] = [
  [
    'error response',
    errorResponseSchema,
    errorResponseCheck,
    [
      { code: 'NOT_FOUND', message: 'Not found', requestId: 'r-1' },
      {
        code: 'VALIDATION_FAILED',
        message: 'Invalid',
        requestId: 'r-2',
        details: [{ path: 'members.0.dateOfBirth', issue: 'too_big' }],
      },
    ],
  ],
  ['current user', currentUserSchema, currentUserCheck, [user]],
  [
    'session state',
    sessionStateSchema,
    sessionStateCheck,
    [
      session,
      {
        stage: 'anonymous',
        user: null,
        csrfToken: null,
        demo: false,
        idleTimeoutSeconds: 1,
        expiresAt: null,
        sso: { enabled: true, label: 'Inloggen met Voorbeeldstad-account' },
      },
    ],
  ],
  [
    'totp enrolment',
    totpEnrolmentSchema,
    totpEnrolmentCheck,
    [{ otpauthUri: 'otpauth://totp/x', qrDataUrl: 'data:image/png;base64,AAAA', secret: 'ABC' }],
  ],
  [
    'totp confirmation',
    totpEnrolConfirmResponseSchema,
    totpEnrolConfirmResponseCheck,
    [{ recoveryCodes: Array.from({ length: 10 }, (_, i) => `abcde-fghi${i}`), session }],
  ],
  [
    'notification list',
    notificationListSchema,
    notificationListCheck,
    [
      { notifications: [], unread: 0 },
      {
        notifications: [
          {
            id: UUID,
            kind: 'action-due',
            params: { actionId: UUID, due: '2026-12-08', teamName: 'Wijkteam Noord' },
            createdAt: '2026-12-07T02:00:00.000Z',
            readAt: null,
          },
          {
            id: UUID,
            kind: 'agenda-published',
            params: { meetingId: UUID, startsAt: '2026-12-08T09:00:00.000Z', subjectId: 's' },
            createdAt: '2026-12-07T02:00:00.000Z',
            readAt: '2026-12-07T03:00:00.000Z',
          },
        ],
        unread: 1,
      },
    ],
  ],
  [
    'notification settings',
    notificationSettingsViewSchema,
    notificationSettingsViewCheck,
    [
      { emailKinds: ['action-due'], language: 'nl', emailAvailable: false },
      {
        emailKinds: [
          'agenda-published',
          'guest-invited',
          'action-assigned',
          'action-due',
          'action-overdue',
          'evaluation-due',
        ],
        language: 'en',
        emailAvailable: true,
      },
    ],
  ],
  [
    'calendar feed',
    calendarFeedViewSchema,
    calendarFeedViewCheck,
    [
      { active: false, createdAt: null, url: null },
      { active: true, createdAt: '2026-12-07T02:00:00.000Z', url: 'https://x/api/calendar/t.ics' },
    ],
  ],
  ['presence count', presenceCountSchema, presenceCountCheck, [{ connected: 3 }]],
  [
    'clock sync',
    clockSyncResponseSchema,
    clockSyncResponseCheck,
    [{ clientSentAt: 1, serverTime: 1_765_000_000_000 }],
  ],
];

describe('zod-free checks of the client shell', () => {
  it.each(pairs)('%s: accepts exactly what the zod schema accepts', (_, schema, check, samples) => {
    let compared = 0;
    let refused = 0;
    const disagreements: string[] = [];
    for (const sample of samples) {
      expect(schema.safeParse(sample).success).toBe(true);
      expect(check.safeParse(sample).success).toBe(true);
      for (const variant of variants(sample)) {
        const byZod = schema.safeParse(variant).success;
        compared += 1;
        if (!byZod) refused += 1;
        if (check.safeParse(variant).success !== byZod)
          disagreements.push(`${JSON.stringify(variant)} → zod ${byZod}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The variants exercise both answers.
    expect(refused).toBeGreaterThan(compared / 4);
    expect(refused).toBeLessThan(compared);
  });

  it('hands back the checked value itself', () => {
    const answer = { connected: 2 };
    const result = presenceCountCheck.safeParse(answer);
    expect(result).toEqual({ success: true, data: answer });
    expect(presenceCountCheck.safeParse({ connected: -1 })).toEqual({ success: false });
  });
});
