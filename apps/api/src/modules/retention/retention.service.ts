import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RETENTION_RULES, retentionCutoff } from '@casustafel/domain';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseFileEraser } from './case-file-eraser';

/** Households erased per sweep at most (the next sweep takes the rest). */
const SWEEP_BATCH = 200;

export interface SweepResult {
  householdsErased: number;
  sessionsPurged: number;
  invitationsPurged: number;
  guestAccountsAnonymised: number;
}

/**
 * The retention sweep: applies `RETENTION_RULES` (libs/domain) at the injected clock's time.
 * A plain method, idempotent and safe to run on several instances at once; the job queue runs it
 * every six hours (`retention:sweep`, see `RetentionJobs`).
 * The audit log is never touched (its rule is `keep`); each erased file gets an audit event of
 * its own, with ids only.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly eraser: CaseFileEraser,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const result: SweepResult = {
      householdsErased: await this.eraseExpiredCaseFiles(now),
      sessionsPurged: await this.purgeSessions(now),
      ...(await this.purgeGuests(now)),
    };
    this.logger.log(result, 'Retention sweep done');
    return result;
  }

  /**
   * Households whose every case is closed and whose file last changed before the cutoff
   * (20 years: Jeugdwet art. 7.3.8). A file with an open Meldcode record is left alone.
   */
  private async eraseExpiredCaseFiles(now: Date): Promise<number> {
    const cutoff = retentionCutoff(RETENTION_RULES['case-file'], now);
    const due = (await this.dataSource.query(
      `SELECT h."id", t."organisation_id" AS "organisationId"
         FROM "household" h JOIN "team" t ON t."id" = h."team_id"
        WHERE NOT EXISTS (SELECT 1 FROM "client_case" c
                           WHERE c."household_id" = h."id" AND c."status" <> 'afgesloten')
          AND GREATEST(
                h."updated_at",
                COALESCE((SELECT max(c."updated_at") FROM "client_case" c WHERE c."household_id" = h."id"), h."updated_at"),
                COALESCE((SELECT max(s."at") FROM "case_status_change" s JOIN "client_case" c ON c."id" = s."case_id"
                           WHERE c."household_id" = h."id"), h."updated_at"),
                COALESCE((SELECT max(p."updated_at") FROM "person" p WHERE p."household_id" = h."id"), h."updated_at")
              ) < $1
        ORDER BY h."id" LIMIT $2`,
      [cutoff, SWEEP_BATCH],
    )) as { id: string; organisationId: string }[];
    let erased = 0;
    for (const household of due) {
      const done = await this.dataSource.transaction(async (manager) => {
        if ((await this.eraser.openMeldcodeCases(manager, household.id)).length > 0) return false;
        await this.eraser.eraseHousehold(manager, household.id, now);
        await this.audit.record(
          {
            action: 'retention.erase',
            outcome: 'allowed',
            actor: { userId: null, role: 'system', organisationId: household.organisationId },
            object: { type: 'household', id: household.id },
            clientId: household.id,
            purpose: 'bewaartermijn',
            channel: 'system',
            source: { ip: null },
            legalBasis: 'jeugdwet.7.3.8',
          },
          manager,
        );
        return true;
      });
      if (done) erased++;
    }
    return erased;
  }

  /** Sessions past their idle or absolute timeout, or ended. */
  private async purgeSessions(now: Date): Promise<number> {
    const idleSince = new Date(now.getTime() - this.config.session.idleTimeoutSeconds * 1000);
    const cutoff = retentionCutoff(RETENTION_RULES.session, now);
    const removed = (await this.dataSource.query(
      `DELETE FROM "session"
        WHERE "absolute_expires_at" < $1 OR "last_seen_at" < $2 OR "ended_at" < $1
        RETURNING "id"`,
      [cutoff, idleSince],
    )) as [unknown[], number] | unknown[];
    return rowCount(removed);
  }

  /** Invitations expired more than 30 days ago; then guest accounts without an invitation. */
  private async purgeGuests(
    now: Date,
  ): Promise<Pick<SweepResult, 'invitationsPurged' | 'guestAccountsAnonymised'>> {
    const cutoff = retentionCutoff(RETENTION_RULES['guest-invitation'], now);
    const invitations = (await this.dataSource.query(
      `DELETE FROM "guest_invitation" WHERE "expires_at" < $1 RETURNING "id"`,
      [cutoff],
    )) as [unknown[], number] | unknown[];
    const accounts = (await this.dataSource.query(
      `UPDATE "app_user" u SET "display_name" = 'Verwijderde gast', "disabled_at" = COALESCE(u."disabled_at", $1)
        WHERE u."kind" = 'guest' AND u."display_name" <> 'Verwijderde gast'
          AND NOT EXISTS (SELECT 1 FROM "guest_invitation" i WHERE i."guest_user_id" = u."id")
        RETURNING u."id"`,
      [now],
    )) as [unknown[], number] | unknown[];
    return {
      invitationsPurged: rowCount(invitations),
      guestAccountsAnonymised: rowCount(accounts),
    };
  }
}

/** TypeORM's postgres driver answers DELETE/UPDATE … RETURNING with `[rows, count]`. */
function rowCount(answer: [unknown[], number] | unknown[]): number {
  if (answer.length === 2 && Array.isArray(answer[0]) && typeof answer[1] === 'number') {
    return answer[1];
  }
  return answer.length;
}
