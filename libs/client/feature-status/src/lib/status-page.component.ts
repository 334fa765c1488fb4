import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConnectionStore, HealthStore, LanguageStore } from '@casustafel/client/data-access';
import {
  AlertComponent,
  CardComponent,
  connectionTone,
  DateTimePipe,
  DurationPipe,
  OffsetPipe,
  PageHeadingComponent,
  readinessTone,
  StatusBadgeComponent,
} from '@casustafel/client/ui';

/** Systeemstatus: liveness, readiness and realtime details for administrators and support. */
@Component({
  selector: 'cst-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    AlertComponent,
    CardComponent,
    DateTimePipe,
    DurationPipe,
    OffsetPipe,
    PageHeadingComponent,
    StatusBadgeComponent,
  ],
  templateUrl: './status-page.component.html',
  styleUrl: './status-page.component.css',
})
export class StatusPageComponent implements OnInit {
  protected readonly health = inject(HealthStore);
  protected readonly connection = inject(ConnectionStore);
  protected readonly language = inject(LanguageStore);
  protected readonly readinessTone = readinessTone;
  protected readonly connectionTone = connectionTone;

  ngOnInit(): void {
    this.health.refresh();
  }

  protected refresh(): void {
    this.health.refresh();
    this.connection.connect();
  }
}
