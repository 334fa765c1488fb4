import {
  CaseEntity,
  CaseStatusChangeEntity,
  MeldcodeRecordEntity,
  PreparationCommentEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from './case.entity';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from './household.entity';

/** The case file's entities, in dependency order. */
export const CASE_FILE_ENTITIES = [
  HouseholdEntity,
  PersonEntity,
  NetworkPersonEntity,
  ConsentEntity,
  CaseEntity,
  CaseStatusChangeEntity,
  ZrmAssessmentEntity,
  MeldcodeRecordEntity,
  PreparationEntity,
  PreparationCommentEntity,
];
