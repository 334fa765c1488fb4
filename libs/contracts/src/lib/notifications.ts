import * as z from 'zod';

/**
 * Notifications (in the app and, when SMTP is configured, by e-mail) and the calendar feed.
 * A notification carries ids, dates and team names only: never a case, a client or an action's
 * text (those may name clients), so neither the list nor an e-mail leaks client data.
 */

export const NOTIFICATION_KINDS = [
  'agenda-published',
  'guest-invited',
  'action-assigned',
  'action-due',
  'action-overdue',
  'evaluation-due',
  'meeting-cancelled',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** What a notification may show: dates, a team's name, links by id. */
export const notificationParamsSchema = z.object({
  meetingId: z.uuid().optional(),
  teamName: z.string().optional(),
  startsAt: z.string().optional(),
  actionId: z.uuid().optional(),
  due: z.string().optional(),
  subjectId: z.string().optional(),
});
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationViewSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  params: notificationParamsSchema,
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const notificationListSchema = z.object({
  notifications: z.array(notificationViewSchema),
  unread: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** Body of `POST /api/notifications/read`: the ids to mark read, or all of the user's. */
export const markNotificationsReadSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

export const NOTIFICATION_LANGUAGES = ['nl', 'en'] as const;

/** A user's choices: which kinds also arrive by e-mail, and in which language. */
export const notificationSettingsSchema = z.strictObject({
  emailKinds: z
    .array(notificationKindSchema)
    .max(NOTIFICATION_KINDS.length)
    .transform((kinds) => [...new Set(kinds)]),
  language: z.enum(NOTIFICATION_LANGUAGES),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const notificationSettingsViewSchema = notificationSettingsSchema.extend({
  /** False when the api has no SMTP_URL: e-mail choices are kept but nothing is sent. */
  emailAvailable: z.boolean(),
});
export type NotificationSettingsView = z.infer<typeof notificationSettingsViewSchema>;

/** `GET /api/calendar/feed`: whether the user has a feed; the URL only right after creating it. */
export const calendarFeedViewSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** The secret URL: shown once, after (re)generation; never stored in clear. */
  url: z.string().nullable(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedViewSchema>;

/** Feed tokens: 32 random bytes, base64url (43 characters). */
export const calendarFeedTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
