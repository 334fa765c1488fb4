import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { TEAM_TYPES, type TeamType } from '@casustafel/contracts';
import { AdminStore, failureMessageKey, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  MessageRegionComponent,
  DateTimePipe,
  FIELD,
  PageHeadingComponent,
} from '@casustafel/client/ui';
import { InviteUserFormComponent } from './invite-user-form.component';
import { UsersTableComponent } from './users-table.component';

const TEAM_NAME = /^[\p{L}\p{M}\p{N}' .,&()/-]{2,80}$/u;

/** `/beheer`: the organisation's teams and accounts. */
@Component({
  selector: 'cst-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    MessageRegionComponent,
    DateTimePipe,
    PageHeadingComponent,
    InviteUserFormComponent,
    UsersTableComponent,
    ...FIELD,
  ],
  templateUrl: './admin-page.component.html',
})
export class AdminPageComponent implements OnInit {
  protected readonly store = inject(AdminStore);
  protected readonly language = inject(LanguageStore);
  protected readonly teamTypes = TEAM_TYPES;
  protected readonly teamForm = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(TEAM_NAME)],
    }),
    type: new FormControl<TeamType>('integraal', { nonNullable: true }),
  });
  protected readonly teamSubmitted = signal(false);
  protected readonly teamErrorKey = signal<string | null>(null);
  protected readonly teamNotice = signal<string | null>(null);

  ngOnInit(): void {
    void this.store.loadOverview();
  }

  protected teamNameInvalid(): boolean {
    return this.teamSubmitted() && this.teamForm.controls.name.invalid;
  }

  protected async createTeam(): Promise<void> {
    this.teamSubmitted.set(true);
    this.teamNotice.set(null);
    this.teamErrorKey.set(null);
    if (this.teamForm.invalid) return;
    const { name, type } = this.teamForm.getRawValue();
    const result = await this.store.createTeam({ name: name.trim(), type });
    if (!result.ok) {
      this.teamErrorKey.set(failureMessageKey(result.failure));
      return;
    }
    this.teamNotice.set(result.data.name);
    this.teamSubmitted.set(false);
    this.teamForm.reset({ name: '', type: 'integraal' });
  }
}
