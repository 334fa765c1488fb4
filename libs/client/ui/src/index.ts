export * from './lib/alert.component';
export * from './lib/card.component';
export * from './lib/format';
export * from './lib/format.pipes';
export * from './lib/page-heading.component';
export * from './lib/status-badge.component';
export * from './lib/tones';
