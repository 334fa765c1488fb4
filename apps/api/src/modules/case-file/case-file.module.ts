import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '../identity/membership.entity';
import { OrganisationEntity } from '../identity/organisation.entity';
import { UserEntity } from '../identity/user.entity';
import { CaseFileAccess } from './case-file-access';
import { CASE_FILE_ENTITIES } from './case-file.entities';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ConsentService } from './consent.service';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';

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
  providers: [CaseFileAccess, ConsentService, HouseholdsService, CasesService],
  exports: [ConsentService, CaseFileAccess],
})
export class CaseFileModule {}
