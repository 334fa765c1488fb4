import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTE_ENTITIES } from './note.entities';
import { NoteAccessService } from './note-access.service';
import { NotesGateway } from './notes.gateway';
import { NotesService } from './notes.service';

/** Shared notes of agenda items (Yjs), relayed over `/live` and stored in batches. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTE_ENTITIES)],
  providers: [NotesService, NoteAccessService, NotesGateway],
  exports: [NotesService],
})
export class NotesModule {}
