import { CreateInstance1795363975610 } from './1795363975610-CreateInstance';

/** Every migration in order, listed explicitly (the api is bundled; no globbing). */
export const MIGRATIONS = [CreateInstance1795363975610];
