import { AuditEventEntity } from './modules/audit/audit-event.entity';
import { LoginThrottleEntity } from './modules/auth/login-throttle.entity';
import { RecoveryCodeEntity } from './modules/auth/recovery-code.entity';
import { SessionEntity } from './modules/auth/session.entity';
import { CASE_FILE_ENTITIES } from './modules/case-file/case-file.entities';
import { MembershipEntity } from './modules/identity/membership.entity';
import { OrganisationEntity } from './modules/identity/organisation.entity';
import { TeamEntity } from './modules/identity/team.entity';
import { UserIdentityEntity } from './modules/identity/user-identity.entity';
import { UserEntity } from './modules/identity/user.entity';
import { MEETING_ENTITIES } from './modules/meetings/meeting.entities';
import { MEETING_RECORD_ENTITIES } from './modules/meeting-records/meeting-records.entities';
import { LIVE_SESSION_ENTITIES } from './modules/live-session/live-session.entities';
import { InstanceEntity } from './modules/instance/instance.entity';
import { NOTE_ENTITIES } from './modules/notes/note.entities';
import { NETWORK_MAP_ENTITIES } from './modules/network-map/network-map.entities';
import { GUEST_ENTITIES } from './modules/guests/guest.entities';
import { HOUSEHOLD_STORY_ENTITIES } from './modules/household-story/household-story.entities';
import { ErasureRequestEntity } from './modules/retention/erasure-request.entity';
import { CalendarFeedTokenEntity } from './modules/calendar/calendar-feed-token.entity';
import { JobEntity } from './modules/jobs/job.entity';
import { NOTIFICATION_ENTITIES } from './modules/notifications/notification.entities';
import { SUPPORT_PLAN_ENTITIES } from './modules/support-plan/support-plan.entities';
import { INTERVISION_ENTITIES } from './modules/intervision/intervision.entities';
import { INTERVISION_SESSION_ENTITIES } from './modules/intervision/intervision-session.entities';

import { FAMILY_CONFERENCE_ENTITIES } from './modules/family-conference/family-conference.entities';

/** Every entity, listed explicitly (the api is bundled; no globbing). */
export const ENTITIES = [
  InstanceEntity,
  AuditEventEntity,
  OrganisationEntity,
  TeamEntity,
  UserEntity,
  MembershipEntity,
  UserIdentityEntity,
  RecoveryCodeEntity,
  SessionEntity,
  LoginThrottleEntity,
  ...CASE_FILE_ENTITIES,
  ...MEETING_ENTITIES,
  ...MEETING_RECORD_ENTITIES,
  ...LIVE_SESSION_ENTITIES,
  ...NOTE_ENTITIES,
  ...GUEST_ENTITIES,
  ...HOUSEHOLD_STORY_ENTITIES,
  ErasureRequestEntity,
  JobEntity,
  ...NOTIFICATION_ENTITIES,
  CalendarFeedTokenEntity,
  ...NETWORK_MAP_ENTITIES,
  ...SUPPORT_PLAN_ENTITIES,
  ...INTERVISION_ENTITIES,
  ...INTERVISION_SESSION_ENTITIES,
  ...FAMILY_CONFERENCE_ENTITIES,
];
