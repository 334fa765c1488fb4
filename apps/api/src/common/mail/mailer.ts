import { Global, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/**
 * The one outgoing-mail transport (nodemailer over `SMTP_URL`), shared by guest codes and
 * notifications. `available` is false without SMTP_URL; sending then throws.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transporter: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get available(): boolean {
    return this.config.mail !== null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.mail) throw new Error('Mail is not configured');
    this.transporter ??= createTransport(this.config.mail.url);
    await this.transporter.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments,
    });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}

/** Provides the shared `Mailer` everywhere. */
@Global()
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
