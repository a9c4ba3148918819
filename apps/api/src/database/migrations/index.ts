import { CreateStructuresRegistry1763900000000 } from './1763900000000-CreateStructuresRegistry';
import { CreateAccounts1763910000000 } from './1763910000000-CreateAccounts';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [CreateStructuresRegistry1763900000000, CreateAccounts1763910000000];
