import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '../../common/context/request-context';
import { UserEntity } from '../identity/user.entity';
import { MeetingRecordsService } from './meeting-records.service';
import { minutesPdf } from './minutes-pdf';

/** The minutes as a PDF, with the names of the people in them. */
@Injectable()
export class MinutesExportService {
  constructor(
    private readonly records: MeetingRecordsService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async pdf(actor: Actor, meetingId: string): Promise<Buffer> {
    const minutes = await this.records.readMinutes(actor, meetingId);
    const ids = new Set<string>();
    for (const a of [...minutes.attendance.present, ...minutes.attendance.absent])
      ids.add(a.userId);
    for (const item of minutes.items) {
      for (const d of item.decisions) ids.add(d.decidedByUserId);
      for (const a of item.actions) ids.add(a.ownerUserId);
    }
    if (minutes.approvedByUserId) ids.add(minutes.approvedByUserId);
    const found = ids.size === 0 ? [] : await this.users.findBy({ id: In([...ids]) });
    const names = new Map(found.map((u) => [u.id, u.displayName]));
    return minutesPdf(minutes, (id) => names.get(id) ?? 'Onbekend');
  }
}
