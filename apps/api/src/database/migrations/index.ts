import { CreateInstance1795363975610 } from './1795363975610-CreateInstance';
import { CreateAuditEvent1795364783517 } from './1795364783517-CreateAuditEvent';
import { CreateIdentityAndSessions1795365143312 } from './1795365143312-CreateIdentityAndSessions';
import { CreateCaseFile1795366792835 } from './1795366792835-CreateCaseFile';
import { CreateMeetings1795367963519 } from './1795367963519-CreateMeetings';
import { CreateMeetingRecords1795369010810 } from './1795369010810-CreateMeetingRecords';
import { CreateNotes1795369500000 } from './1795369500000-CreateNotes';
import { CreateGuestInvitations1795373098819 } from './1795373098819-CreateGuestInvitations';
import { AddRegisseurAssignmentAndConsentJustification1795380000000 } from './1795380000000-AddRegisseurAssignmentAndConsentJustification';
import { ReshapeLoginThrottle1795380000501 } from './1795380000501-ReshapeLoginThrottle';
import { CreateJobsAndNotifications1796601077802 } from './1796601077802-CreateJobsAndNotifications';
import { CreateErasureRequests1796602610005 } from './1796602610005-CreateErasureRequests';
import { CompactLiveRoomState1796607000000 } from './1796607000000-CompactLiveRoomState';
import { CreateLiveSessions1796607100000 } from './1796607100000-CreateLiveSessions';
import { CreateNetworkMaps1796610000000 } from './1796610000000-CreateNetworkMaps';
import { CreateFamilyAccess1796610000001 } from './1796610000001-CreateFamilyAccess';
import { AddSupportPlan1796610280346 } from './1796610280346-AddSupportPlan';
import { CreateIntervisionCases1796700000000 } from './1796700000000-CreateIntervisionCases';
import { AddInsightIndexes1796612000000 } from './1796612000000-AddInsightIndexes';
import { CreateIntervisionSessions1796700100000 } from './1796700100000-CreateIntervisionSessions';

import { CreateFamilyConferences1796800000000 } from './1796800000000-CreateFamilyConferences';
import { RecordConferenceFollowUp1796800200000 } from './1796800200000-RecordConferenceFollowUp';

/** Every migration in order, listed explicitly (the api is bundled; no globbing). */
export const MIGRATIONS = [
  CreateInstance1795363975610,
  CreateAuditEvent1795364783517,
  CreateIdentityAndSessions1795365143312,
  CreateCaseFile1795366792835,
  CreateMeetings1795367963519,
  CreateMeetingRecords1795369010810,
  CreateNotes1795369500000,
  CreateGuestInvitations1795373098819,
  AddRegisseurAssignmentAndConsentJustification1795380000000,
  ReshapeLoginThrottle1795380000501,
  CreateJobsAndNotifications1796601077802,
  CreateErasureRequests1796602610005,
  CompactLiveRoomState1796607000000,
  CreateLiveSessions1796607100000,
  CreateNetworkMaps1796610000000,
  CreateFamilyAccess1796610000001,
  AddSupportPlan1796610280346,
  AddInsightIndexes1796612000000,
  CreateIntervisionCases1796700000000,
  CreateIntervisionSessions1796700100000,
  CreateFamilyConferences1796800000000,
  RecordConferenceFollowUp1796800200000,
];
