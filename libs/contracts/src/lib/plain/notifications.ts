import type {
  CalendarFeedView,
  NotificationList,
  NotificationSettingsView,
} from '../notifications';
import {
  arrayOf,
  boolean,
  type Check,
  int,
  nullable,
  object,
  oneOf,
  optional,
  string,
  uuid,
} from './check';

export const NOTIFICATION_KINDS = [
  'agenda-published',
  'guest-invited',
  'action-assigned',
  'action-due',
  'action-overdue',
  'evaluation-due',
  'meeting-cancelled',
  'conference-follow-up',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LANGUAGES = ['nl', 'en'] as const;

/** Mirrors `notificationListSchema` (zod-free: the bell is part of the app shell). */
export const notificationListCheck: Check<NotificationList> = object({
  notifications: arrayOf(
    object({
      id: uuid,
      kind: oneOf(NOTIFICATION_KINDS),
      params: object({
        meetingId: optional(uuid),
        teamName: optional(string),
        startsAt: optional(string),
        actionId: optional(uuid),
        due: optional(string),
        subjectId: optional(string),
      }),
      createdAt: string,
      readAt: nullable(string),
    }),
  ),
  unread: int(0),
});

/** Mirrors `notificationSettingsViewSchema` (its de-duplicating transform aside). */
export const notificationSettingsViewCheck: Check<NotificationSettingsView> = object(
  {
    emailKinds: arrayOf(oneOf(NOTIFICATION_KINDS), { max: NOTIFICATION_KINDS.length }),
    language: oneOf(NOTIFICATION_LANGUAGES),
    emailAvailable: boolean,
  },
  { strict: true },
);

/** Mirrors `calendarFeedViewSchema`. */
export const calendarFeedViewCheck: Check<CalendarFeedView> = object({
  active: boolean,
  createdAt: nullable(string),
  url: nullable(string),
});
