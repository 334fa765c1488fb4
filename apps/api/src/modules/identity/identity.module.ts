import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecoveryCodeEntity } from '../auth/recovery-code.entity';
import { AdminController } from './admin.controller';
import { IdentityService } from './identity.service';
import { MembershipEntity } from './membership.entity';
import { OrganisationAdminService } from './organisation-admin.service';
import { OrganisationEntity } from './organisation.entity';
import { TeamEntity } from './team.entity';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';
import { UserIdentityEntity } from './user-identity.entity';
import { UserEntity } from './user.entity';

/** Organisations, teams, users and memberships; the admin pages' api and the team pages' api. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OrganisationEntity,
      TeamEntity,
      UserEntity,
      MembershipEntity,
      UserIdentityEntity,
      RecoveryCodeEntity,
    ]),
  ],
  controllers: [AdminController, TeamsController],
  providers: [IdentityService, TeamsService, OrganisationAdminService],
  exports: [IdentityService],
})
export class IdentityModule {}
