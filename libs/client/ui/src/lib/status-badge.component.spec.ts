import { describe, expect, it } from '@jest/globals';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type StatusTone, StatusBadgeComponent } from './status-badge.component';
import { connectionTone, readinessTone } from './tones';

@Component({
  imports: [StatusBadgeComponent],
  template: `<cst-status-badge [tone]="tone()">Gereed</cst-status-badge>`,
})
class HostComponent {
  readonly tone = signal<StatusTone>('success');
}

describe('StatusBadgeComponent', () => {
  it('renders the text in a Utrecht status badge of the given tone', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const badge = (fixture.nativeElement as HTMLElement).querySelector('span');
    expect(badge?.textContent).toBe('Gereed');
    expect(badge?.className).toBe('utrecht-status-badge utrecht-status-badge--success');

    fixture.componentInstance.tone.set('danger');
    await fixture.whenStable();
    expect(badge?.className).toBe('utrecht-status-badge utrecht-status-badge--danger');
  });
});

describe('tones', () => {
  it('colour readiness and connection states', () => {
    expect(readinessTone('ready')).toBe('success');
    expect(readinessTone('not_ready')).toBe('warning');
    expect(readinessTone('unreachable')).toBe('danger');
    expect(readinessTone('loading')).toBe('neutral');
    expect(connectionTone('connected')).toBe('success');
    expect(connectionTone('reconnecting')).toBe('warning');
    expect(connectionTone('disconnected')).toBe('danger');
  });
});
