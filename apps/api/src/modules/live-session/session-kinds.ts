import { Injectable } from '@nestjs/common';
import { CASE_MEETING_KIND, type SessionKind } from '@casustafel/domain';

/**
 * The session kinds this api hosts. The case meeting is built in (its room lives on the meeting
 * row and runs its own reducer); other kinds are registered here — a product kind at start-up
 * from its module, a test-only kind by a test — and then run on the generic session room.
 */
@Injectable()
export class SessionKinds {
  private readonly kinds = new Map<string, SessionKind>([
    [CASE_MEETING_KIND.id, CASE_MEETING_KIND],
  ]);

  register(kind: SessionKind): void {
    const known = this.kinds.get(kind.id);
    if (known && known !== kind) throw new Error(`session kind ${kind.id} is registered already`);
    this.kinds.set(kind.id, kind);
  }

  get(id: string): SessionKind | undefined {
    return id === CASE_MEETING_KIND.id ? undefined : this.kinds.get(id);
  }
}
