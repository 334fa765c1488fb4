import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '../../common/context/request-context';
import { CaseEntity, PreparationEntity } from '../case-file/case.entity';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentLanguage } from '../documents/pdf';
import { OrganisationEntity } from '../identity/organisation.entity';
import { TeamEntity } from '../identity/team.entity';
import { UserEntity } from '../identity/user.entity';
import { AgendaItemEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MinutesService } from './minutes.service';

/**
 * The minutes as a PDF: the names of the people in them, the team and organisation, and the
 * case of each case item, resolved here; the rendering itself runs in the documents worker pool.
 */
@Injectable()
export class MinutesExportService {
  constructor(
    private readonly minutes: MinutesService,
    private readonly documents: DocumentsService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async pdf(actor: Actor, meetingId: string, language: DocumentLanguage = 'nl'): Promise<Buffer> {
    // Checks access (team membership) and audits the read.
    const minutes = await this.minutes.readMinutes(actor, meetingId);
    const manager = this.users.manager;
    const ids = new Set<string>();
    for (const a of [...minutes.attendance.present, ...minutes.attendance.absent])
      ids.add(a.userId);
    for (const item of minutes.items) {
      for (const d of item.decisions) ids.add(d.decidedByUserId);
      for (const a of item.actions) ids.add(a.ownerUserId);
    }
    if (minutes.approvedByUserId) ids.add(minutes.approvedByUserId);
    const found = ids.size === 0 ? [] : await this.users.findBy({ id: In([...ids]) });
    const names = Object.fromEntries(found.map((u) => [u.id, u.displayName]));

    const meeting = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
    const team = await manager.findOneByOrFail(TeamEntity, { id: meeting.teamId });
    const organisation = await manager.findOneByOrFail(OrganisationEntity, {
      id: team.organisationId,
    });
    const caseTitles = await this.caseTitles(minutes.items.map((i) => i.itemId));
    return this.documents.render('minutes-pdf', {
      minutes,
      language,
      names,
      team: team.name,
      organisation: organisation.name,
      caseTitles,
    });
  }

  /** The case discussed per agenda item (through the item's preparation). */
  private async caseTitles(itemIds: string[]): Promise<Record<string, string>> {
    if (itemIds.length === 0) return {};
    const manager = this.users.manager;
    const items = await manager.findBy(AgendaItemEntity, { id: In(itemIds) });
    const prepIds = items.map((i) => i.preparationId).filter((id): id is string => id !== null);
    if (prepIds.length === 0) return {};
    const preps = await manager.findBy(PreparationEntity, { id: In(prepIds) });
    const caseIds = [...new Set(preps.map((p) => p.caseId))];
    const cases = await manager.findBy(CaseEntity, { id: In(caseIds) });
    const caseOfPrep = new Map(preps.map((p) => [p.id, p.caseId]));
    const titleOfCase = new Map(cases.map((c) => [c.id, c.title]));
    const titles: Record<string, string> = {};
    for (const item of items) {
      const caseId = item.preparationId ? caseOfPrep.get(item.preparationId) : undefined;
      const title = caseId ? titleOfCase.get(caseId) : undefined;
      if (title) titles[item.id] = title;
    }
    return titles;
  }
}
