import { Injectable } from '@nestjs/common';
import { DocumentsService } from '../documents/documents.service';
import type {
  AnonymiseSectionsInput,
  AnonymisedSections,
  IdentifierCheckInput,
} from './intervision-work';

/**
 * Runs the anonymiser for intervision copies in the documents worker pool: a copy can hold
 * ~100,000 characters, which takes hundreds of milliseconds of CPU, so it stays off the event
 * loop that keeps live clocks and sockets responsive.
 */
@Injectable()
export class IntervisionWork {
  constructor(private readonly documents: DocumentsService) {}

  async anonymise(input: AnonymiseSectionsInput): Promise<AnonymisedSections> {
    const output = await this.documents.render('intervision-anonymise', input);
    return JSON.parse(output.toString('utf8')) as AnonymisedSections;
  }

  async identifiersLeft(input: IdentifierCheckInput): Promise<string[]> {
    const output = await this.documents.render('intervision-check', input);
    return JSON.parse(output.toString('utf8')) as string[];
  }
}
