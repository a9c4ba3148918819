import { useAuth } from './auth-provider';
import { parisToday } from './permissions';
import { authorityAccessOf, type AuthorityAccess } from './authorities';

const NONE: AuthorityAccess = {
  national: false,
  own: [],
  canFollow: false,
  canCommunicate: false,
  canManageReferents: false,
  canChangeScope: false,
};

/** The follow-up rights of the signed-in account (none when signed out). */
export function useAuthorityAccess(): AuthorityAccess {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return NONE;
  return authorityAccessOf(state.account, parisToday());
}
