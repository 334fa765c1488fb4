import { Injectable, Logger } from '@nestjs/common';
import { Mailer } from '../../common/mail/mailer';

export interface GuestCodeMail {
  to: string;
  name: string;
  teamName: string;
  startsAt: Date;
  code: string;
}

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/**
 * Sends a guest's one-time code by e-mail (nodemailer over `SMTP_URL`). The mail holds the code
 * and the meeting's date only: the link reaches the guest through the inviter (another channel),
 * and no agenda item, case or client is named — e-mail is not a safe place for client data.
 */
@Injectable()
export class GuestMailer {
  private readonly logger = new Logger(GuestMailer.name);

  constructor(private readonly mailer: Mailer) {}

  async sendCode(mail: GuestCodeMail): Promise<void> {
    const when = DATE_TIME.format(mail.startsAt);
    await this.mailer.send({
      to: mail.to,
      subject: `Uw eenmalige code voor het overleg van ${mail.teamName}`,
      text: [
        `Beste ${mail.name},`,
        '',
        `U bent uitgenodigd om deel te nemen aan het casuïstiekoverleg van ${mail.teamName} op ${when}.`,
        'De link naar het overleg ontvangt u van de voorzitter. Open de link en vul deze eenmalige code in:',
        '',
        `    ${mail.code}`,
        '',
        'De code werkt één keer. Deel hem met niemand. Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.',
        '',
        'Casustafel',
      ].join('\n'),
    });
    this.logger.log('Guest code sent by e-mail');
  }
}
