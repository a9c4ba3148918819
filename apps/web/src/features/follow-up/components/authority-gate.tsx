import type { ReactNode } from 'react';
import { Forbidden } from '@/components/ui/forbidden';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import { useAuthorityAccess } from '@/lib/auth/use-authority-access';

/**
 * The follow-up pages are for the national administrator and the staff of the ARS and CD; others
 * read why instead (the API refuses them anyway). Used inside RequireAuth.
 */
export function AuthorityGate({
  need = 'canFollow',
  children,
}: {
  need?: keyof Pick<
    AuthorityAccess,
    'canFollow' | 'canCommunicate' | 'canManageReferents' | 'canChangeScope'
  >;
  children: (access: AuthorityAccess) => ReactNode;
}) {
  const access = useAuthorityAccess();
  if (!access[need]) {
    return (
      <Forbidden lead="Cette page est réservée aux agents des ARS et des conseils départementaux, et à l'administration nationale." />
    );
  }
  return <>{children(access)}</>;
}
