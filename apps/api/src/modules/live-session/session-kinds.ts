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

  /**
   * Kinds made at run time (an intervision session runs a trainer's own copy of a method) are
   * found by a resolver for their id prefix, which reads them from the store: every api
   * instance then knows a kind another instance registered.
   */
  addResolver(prefix: string, resolve: (id: string) => Promise<SessionKind | undefined>): void {
    this.resolvers.set(prefix, resolve);
  }

  /** A registered kind, or one a resolver finds (then kept). */
  async resolve(id: string): Promise<SessionKind | undefined> {
    const known = this.get(id);
    if (known || id === CASE_MEETING_KIND.id) return known;
    for (const [prefix, resolve] of this.resolvers)
      if (id.startsWith(prefix)) {
        const kind = await resolve(id);
        if (kind?.id === id) this.kinds.set(id, kind);
        return kind?.id === id ? kind : undefined;
      }
    return undefined;
  }

  private readonly resolvers = new Map<string, (id: string) => Promise<SessionKind | undefined>>();
}
