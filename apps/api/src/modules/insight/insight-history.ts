import type { EntityManager } from 'typeorm';
import type { CaseStatus, CostCategory, DecisionType, PlanItemType } from '@casustafel/domain';
import { writeCases } from './history-cases';
import { writeMeetings } from './history-meetings';
import { writePlans } from './history-plans';

/**
 * Writes a team's recorded work in bulk (multi-row INSERTs): households, cases with their status
 * history and ZRM assessments, closed meetings with discussed case items (their preparation and
 * the minutes they took), decisions and actions. Used by the demo seed (a few years of history
 * for the demo team), the integration tests of the dashboard (a small fixed data set) and the
 * benchmark's generator. The rows are what the product itself records; nothing here is
 * dashboard-specific.
 */

export interface HistoryCase {
  id?: string;
  title?: string;
  regisseurId: string;
  /** The status history: the first entry is `aanmelding`. */
  transitions: { status: CaseStatus; at: Date }[];
  /** ZRM 2017 assessments: per domain a score 1–5. */
  zrm?: { assessedAt: string; scores: Record<string, number> }[];
}

export interface HistoryItem {
  /** Index into `cases`: the case discussed. */
  caseIndex: number;
  timeBoxMinutes: number;
  usedMinutes: number;
  status?: 'besproken' | 'overgeslagen';
  decisions?: { type: DecisionType; at: Date }[];
  actions?: { due: string; status: 'open' | 'gereed' | 'vervallen'; doneAt?: Date }[];
}

export interface HistoryMeeting {
  startsAt: Date;
  chairId: string;
  items: HistoryItem[];
}

/** A household's support plan (the trajectory): its items, evaluations and agreement. */
export interface HistoryPlan {
  /** Index into `cases`: the plan is of that case's household. */
  caseIndex: number;
  createdAt: Date;
  /** The evaluation date now (the next one due). */
  evaluationDate: string | null;
  items: {
    type: PlanItemType;
    startDate: string;
    costCents?: number;
    costCategory?: CostCategory;
  }[];
  /** Evaluations in order, each with the date it was due. */
  evaluations?: { at: Date; due: string }[];
  /** The day the family agreed with the plan. */
  agreedOn?: string;
  /** A family group conference whose plan led this one: accepted, followed up four weeks on. */
  conference?: { acceptedAt: Date; followUpOn: string; followedUp: boolean };
}

export interface TeamHistory {
  teamId: string;
  cases: HistoryCase[];
  meetings: HistoryMeeting[];
  plans?: HistoryPlan[];
}

/** Writes the history; returns the ids of the cases in order. */
export async function writeTeamHistory(db: EntityManager, history: TeamHistory): Promise<string[]> {
  const { caseIds, householdIds } = await writeCases(db, history);
  await writeMeetings(db, history, caseIds);
  await writePlans(db, history, householdIds);
  return caseIds;
}
