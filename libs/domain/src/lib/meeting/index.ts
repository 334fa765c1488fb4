export * from './agenda';
export * from './decisions';
export * from './ids';
export * from './live-room';
export * from './minutes';
export * from './phases';
export * from './series';
export * from './guest-view';
