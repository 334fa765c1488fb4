export * from './lib/home-page.component';
export * from './lib/not-found-page.component';
export * from './lib/notifications-page.component';
export * from './lib/my-actions-page.component';
