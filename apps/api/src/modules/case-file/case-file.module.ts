import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '../identity/membership.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';
import { CaseFileAccess } from './case-file-access';
import { CaseViews } from './case-views';
import { CASE_FILE_ENTITIES } from './case-file.entities';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ConsentService } from './consent.service';
import { HouseholdMembersService } from './household-members.service';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { MeldcodeService } from './meldcode.service';
import { PreparationsService } from './preparations.service';
import { ZrmService } from './zrm.service';

/** The case file (dossier): households, persons, consent, cases, ZRM, Meldcode, preparations. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ...CASE_FILE_ENTITIES,
      OrganisationEntity,
      UserEntity,
      MembershipEntity,
    ]),
  ],
  controllers: [HouseholdsController, CasesController],
  providers: [
    CaseFileAccess,
    ConsentService,
    HouseholdsService,
    HouseholdMembersService,
    CaseViews,
    CasesService,
    ZrmService,
    MeldcodeService,
    PreparationsService,
  ],
  exports: [ConsentService, CaseFileAccess, HouseholdsService],
})
export class CaseFileModule {}
