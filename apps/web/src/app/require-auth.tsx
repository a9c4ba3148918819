import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { PageLoader } from '@/components/ui/page-loader';
import { Forbidden } from '@/components/ui/forbidden';
import { useAuth } from '@/lib/auth/auth-provider';
import type { Permissions } from '@/lib/auth/permissions';
import { LOGIN_PATH, loginPathFor } from '@/lib/auth/return-to';
import { MY_ACCOUNT_PATH, TOTP_ENROLLMENT_URL } from '@/lib/auth/totp-enrollment';

/**
 * The pages that need an account. Signed out, the user is sent to /connexion with the page to come
 * back to (unless they signed out themselves). While the second factor is mandatory and not set up
 * (said by the login, or by a 403 of the API), every page but "Mon compte" sends the user to its
 * "Double authentification" section. With `permission`, a signed-in user who lacks it reads why
 * instead of the page.
 */
export function RequireAuth({
  children,
  permission,
}: {
  children?: ReactNode;
  permission?: keyof Permissions;
}) {
  const { state, permissions } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Vérification de votre session…" />
      </div>
    );
  }
  if (state.status === 'anonymous') {
    const to =
      state.reason === 'signed-out' ? LOGIN_PATH : loginPathFor(`${location.pathname}${location.search}`);
    return <Navigate to={to} replace />;
  }
  if (state.totpEnrollmentRequired && location.pathname !== MY_ACCOUNT_PATH) {
    return <Navigate to={TOTP_ENROLLMENT_URL} replace />;
  }
  if (permission && !permissions[permission]) return <Forbidden />;
  return <>{children ?? <Outlet />}</>;
}

/** A route element that needs a permission (see `RequireAuth`). */
export function requirePermission(permission: keyof Permissions) {
  return function PermissionGate() {
    return <RequireAuth permission={permission} />;
  };
}
