import { Controller, Get, Param } from '@nestjs/common';
import { type SessionView, uuidParamSchema } from '@casustafel/contracts';
import { Access } from '../../common/access/access.decorator';
import { CurrentActor } from '../../common/access/current.decorators';
import type { Actor } from '../../common/context/request-context';
import { ZodValidationPipe } from '../../common/validation/zod-validation.pipe';
import { LiveSessionService } from './live-session.service';

/**
 * REST reads of live sessions of other kinds: the same projection as the socket's, and the same
 * refusal (403) for a role locked out of the current phase.
 */
@Controller()
export class LiveSessionController {
  constructor(private readonly live: LiveSessionService) {}

  @Access('meeting', 'live-session.read')
  @Get('live-sessions/:sessionId')
  read(
    @CurrentActor() actor: Actor,
    @Param('sessionId', new ZodValidationPipe(uuidParamSchema)) sessionId: string,
  ): Promise<SessionView> {
    return this.live.readSession(actor, sessionId);
  }
}
