import { CreateStructuresRegistry1763900000000 } from './1763900000000-CreateStructuresRegistry';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [CreateStructuresRegistry1763900000000];
