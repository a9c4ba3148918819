import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { PageLoader } from '../components/ui/page-loader';
import { Forbidden } from '../components/ui/forbidden';
import { useAuth } from '../lib/auth/auth-provider';
import type { Permissions } from '../lib/auth/permissions';
import { LOGIN_PATH, loginPathFor } from '../lib/auth/return-to';

/**
 * The pages that need an account. Signed out, the user is sent to /connexion with the page to come
 * back to (unless they signed out themselves). With `permission`, a signed-in user who lacks it
 * reads why instead of the page.
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
  if (permission && !permissions[permission]) return <Forbidden />;
  return <>{children ?? <Outlet />}</>;
}

/** A route element that needs a permission (see `RequireAuth`). */
export function requirePermission(permission: keyof Permissions) {
  return function PermissionGate() {
    return <RequireAuth permission={permission} />;
  };
}
