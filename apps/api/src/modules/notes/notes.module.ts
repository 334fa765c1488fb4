import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTE_ENTITIES } from './note.entities';
import { NotesGateway } from './notes.gateway';
import { NotesService } from './notes.service';

/** Shared notes of agenda items (Yjs), relayed over `/live` and stored in batches. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTE_ENTITIES)],
  providers: [NotesService, NotesGateway],
  exports: [NotesService],
})
export class NotesModule {}
