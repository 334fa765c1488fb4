import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AuthStore,
  ConnectionStore,
  HealthStore,
  LanguageStore,
  TeamsStore,
} from '@casustafel/client/data-access';
import {
  AlertComponent,
  CardComponent,
  connectionTone,
  DateTimePipe,
  OffsetPipe,
  PageHeadingComponent,
  readinessTone,
  StatusBadgeComponent,
} from '@casustafel/client/ui';

/** Start page: my teams, and whether the api and the live connection work. */
@Component({
  selector: 'cst-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    AlertComponent,
    CardComponent,
    DateTimePipe,
    OffsetPipe,
    PageHeadingComponent,
    StatusBadgeComponent,
  ],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.css',
})
export class HomePageComponent implements OnInit {
  protected readonly health = inject(HealthStore);
  protected readonly connection = inject(ConnectionStore);
  protected readonly language = inject(LanguageStore);
  protected readonly auth = inject(AuthStore);
  protected readonly teams = inject(TeamsStore);
  protected readonly readinessTone = readinessTone;
  protected readonly connectionTone = connectionTone;

  ngOnInit(): void {
    this.health.refresh();
    if (this.auth.isSignedIn()) void this.teams.loadTeams();
  }

  protected refresh(): void {
    this.health.refresh();
    this.connection.connect();
  }
}
