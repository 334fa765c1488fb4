import { Injectable } from '@nestjs/common';

/** The time source of every rule that depends on time (sessions, throttling, TOTP). Tests replace it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
