import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadSecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config/app-config';
import { IdentityModule } from '../identity/identity.module';
import { MembershipEntity } from '../identity/membership.entity';
import { UserIdentityEntity } from '../identity/user-identity.entity';
import { UserEntity } from '../identity/user.entity';
import { AuthController } from './auth.controller';
import { AuthService, SECRET_BOX } from './auth.service';
import { LoginThrottleEntity } from './login-throttle.entity';
import { LinkCodeSignIn } from './link-code';
import { LoginThrottleService } from './login-throttle.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { SessionEntity } from './session.entity';
import { SessionService } from './session.service';
import { TotpService } from './totp.service';

/** Sign-in, second factor, sessions. Global: the access guard and the live channel need sessions. */
@Global()
@Module({
  imports: [
    IdentityModule,
    TypeOrmModule.forFeature([
      SessionEntity,
      LoginThrottleEntity,
      RecoveryCodeEntity,
      UserEntity,
      MembershipEntity,
      UserIdentityEntity,
    ]),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    SessionService,
    LoginThrottleService,
    LinkCodeSignIn,
    PasswordHasher,
    TotpService,
    OidcService,
    { provide: SECRET_BOX, inject: [AppConfig], useFactory: loadSecretBox },
  ],
  exports: [
    SessionService,
    AuthService,
    LoginThrottleService,
    LinkCodeSignIn,
    PasswordHasher,
    SECRET_BOX,
  ],
})
export class AuthModule {}
