import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  TEAM_ROLES,
  TEAM_TYPES,
  type TeamMember,
  type TeamRole,
  type TeamType,
} from '@casustafel/contracts';
import { AdminStore, type ApiResult, failureMessageKey } from '@casustafel/client/data-access';
import {
  AlertComponent,
  MessageRegionComponent,
  ConfirmDialogComponent,
  FIELD,
  PageHeadingComponent,
} from '@casustafel/client/ui';

/** `/beheer/teams/:teamId`: the team's name and type, its members and their roles. */
@Component({
  selector: 'cst-team-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    ConfirmDialogComponent,
    PageHeadingComponent,
    ...FIELD,
  ],
  templateUrl: './team-admin-page.component.html',
})
export class TeamAdminPageComponent {
  readonly teamId = input.required<string>();
  protected readonly store = inject(AdminStore);
  protected readonly roles = TEAM_ROLES;
  protected readonly teamTypes = TEAM_TYPES;
  protected readonly notice = signal<{ key: string; name: string } | null>(null);
  protected readonly errorKey = signal<string | null>(null);
  protected readonly removing = signal<TeamMember | null>(null);
  protected readonly editName = signal('');
  protected readonly editType = signal<TeamType>('integraal');
  protected readonly addUserId = signal('');
  protected readonly addRole = signal<TeamRole>('member');
  private readonly dialogRef = viewChild.required(ConfirmDialogComponent);

  /** E-mail per user id (from the organisation overview), for stable row names. */
  protected readonly emails = computed(
    () => new Map(this.store.users().map((u) => [u.id, u.email] as const)),
  );
  /** Accounts of the organisation that are not (yet) in this team. */
  protected readonly candidates = computed(() => {
    const inTeam = new Set(this.store.team()?.members.map((m) => m.userId) ?? []);
    return this.store.users().filter((u) => !inTeam.has(u.id) && u.status !== 'disabled');
  });

  constructor() {
    effect(() => {
      const teamId = this.teamId();
      untracked(() => {
        void this.store.loadTeam(teamId).then(() => {
          const team = this.store.team();
          if (team) {
            this.editName.set(team.name);
            this.editType.set(team.type);
          }
        });
        if (!this.store.overview()) void this.store.loadOverview();
      });
    });
  }

  protected async toggleRole(member: TeamMember, role: TeamRole, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const roles = TEAM_ROLES.filter((r) => (r === role ? box.checked : member.roles.includes(r)));
    if (roles.length === 0) {
      box.checked = true;
      this.notice.set(null);
      this.errorKey.set('teamAdmin.oneRole');
      return;
    }
    const result = await this.store.setRoles(this.teamId(), member.userId, roles);
    if (!result.ok) box.checked = !box.checked;
    this.#report(result, 'teamAdmin.rolesSaved', member.displayName);
  }

  protected askRemove(member: TeamMember): void {
    this.removing.set(member);
    this.dialogRef().open();
  }

  protected async remove(): Promise<void> {
    const member = this.removing();
    if (!member) return;
    const result = await this.store.removeMember(this.teamId(), member.userId);
    this.#report(result, 'teamAdmin.removed', member.displayName);
  }

  protected async add(): Promise<void> {
    const userId = this.addUserId();
    const user = this.store.users().find((u) => u.id === userId);
    if (!user) {
      this.errorKey.set('teamAdmin.chooseUser');
      return;
    }
    const result = await this.store.setRoles(this.teamId(), userId, [this.addRole()]);
    this.#report(result, 'teamAdmin.added', user.displayName);
    if (result.ok) this.addUserId.set('');
  }

  protected async rename(): Promise<void> {
    const name = this.editName().trim();
    if (name.length < 2) {
      this.errorKey.set('admin.teamNameInvalid');
      return;
    }
    const result = await this.store.updateTeam(this.teamId(), { name, type: this.editType() });
    this.#report(result, 'teamAdmin.saved', name);
  }

  #report(result: ApiResult<unknown>, key: string, name = ''): void {
    this.notice.set(result.ok ? { key, name } : null);
    this.errorKey.set(result.ok ? null : failureMessageKey(result.failure));
  }
}
