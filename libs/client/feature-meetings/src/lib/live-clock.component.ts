import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { LiveClock } from '@casustafel/client/data-access';
import { DISCUSSION_PHASES, type DiscussionPhase } from '@casustafel/domain';

/**
 * The item's clock as every screen in the room shows it (server time): the big remaining time,
 * an over-time signal, running or paused. Shared by the members' live room and the guest page;
 * `testIdPrefix` keeps their test ids (`live-clock`, `guest-clock`, …).
 */
@Component({
  selector: 'cst-live-clock',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <p
      class="cst-live__time"
      [class.cst-live__time--over]="clock().overtime"
      role="timer"
      aria-live="off"
      [attr.aria-label]="'meetings.live.remainingLabel' | transloco: { time: clock().text }"
      [attr.data-testid]="testIdPrefix() + '-clock'"
      [attr.data-overtime]="clock().overtime"
    >
      {{ clock().text }}
    </p>
    <p class="cst-live__state" [attr.data-testid]="testIdPrefix() + '-clock-state'">
      @if (clock().overtime) {
        <strong class="cst-live__over" [attr.data-testid]="testIdPrefix() + '-overtime'"
          >⚠ {{ 'meetings.live.overtime' | transloco }}</strong
        >
      } @else {
        {{ 'meetings.live.remaining' | transloco }}
      }
      · {{ (clock().running ? 'meetings.live.running' : 'meetings.live.paused') | transloco }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .cst-live__time {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: clamp(3rem, 12vw, 7rem);
      font-variant-numeric: tabular-nums;
      font-weight: bold;
      line-height: 1.1;
      margin: 0;
    }
    .cst-live__time--over,
    .cst-live__over {
      color: #b00020;
    }
    .cst-live__state {
      margin: 0;
    }
  `,
})
export class LiveClockComponent {
  readonly clock = input.required<LiveClock>();
  readonly testIdPrefix = input.required<string>();
}

/** The five discussion phases of a case item, the current one marked (`aria-current="step"`). */
@Component({
  selector: 'cst-phase-stepper',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <h3 class="utrecht-heading-3" [id]="testIdPrefix() + '-phases-heading'">
      {{ 'meetings.live.phases' | transloco }}
    </h3>
    <ol
      class="cst-stepper cst-stepper--5"
      [attr.aria-labelledby]="testIdPrefix() + '-phases-heading'"
      [attr.data-testid]="testIdPrefix() + '-phases'"
    >
      @for (p of phases; track p; let i = $index) {
        <li
          class="cst-stepper__step"
          [class.cst-stepper__step--done]="i < index()"
          [class.cst-stepper__step--current]="i === index()"
          [attr.aria-current]="i === index() ? 'step' : null"
          [attr.data-testid]="testIdPrefix() + '-phase-' + p"
        >
          <span class="cst-stepper__marker" aria-hidden="true">{{ i + 1 }}</span>
          <span class="cst-stepper__label">{{ 'meetings.phases.' + p | transloco }}</span>
        </li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: block;
    }
    .cst-stepper--5 {
      grid-template-columns: repeat(5, minmax(0, 1fr));
    }
    @media (width < 48rem) {
      .cst-stepper--5 {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
  `,
})
export class PhaseStepperComponent {
  readonly phase = input.required<DiscussionPhase | null>();
  readonly testIdPrefix = input.required<string>();
  protected readonly phases = DISCUSSION_PHASES;
  protected readonly index = computed(() => {
    const phase = this.phase();
    return phase === null ? -1 : DISCUSSION_PHASES.indexOf(phase);
  });
}
