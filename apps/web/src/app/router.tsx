import { createBrowserRouter, isRouteErrorResponse, useRouteError, type RouteObject } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { MainLayout, SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { RequireAuth, requirePermission } from './require-auth';

const AccountsGate = requirePermission('canManageAccounts');
const EmailsGate = requirePermission('canReadEmails');
const AuditGate = requirePermission('canReadAudit');
const ApiTokensGate = requirePermission('canManageApiTokens');
const SettingsGate = requirePermission('canManageSettings');

/** Shown in place of a page that failed to render or whose code failed to load (e.g. after a deployment). */
export function RouteErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : null;
  return (
    <div className={fr.cx('fr-container', 'fr-py-8w')}>
      <title>{`Erreur – ${SERVICE_TITLE}`}</title>
      <h1>Une erreur inattendue est survenue</h1>
      {status !== null && <p className={fr.cx('fr-text--sm')}>Erreur {status}</p>}
      <p className={fr.cx('fr-text--lead')}>
        Essayez de recharger la page. Si le problème persiste, revenez plus tard.
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button onClick={() => window.location.reload()}>Recharger la page</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: '/', reloadDocument: true }}>
            Revenir à l'accueil
          </Button>
        </li>
      </ul>
    </div>
  );
}

/** Each page is its own chunk, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: MainLayout,
    children: [
      {
        id: 'pages',
        ErrorBoundary: RouteErrorPage,
        HydrateFallback: () => <PageLoader />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./routes/home')).HomePage }) },
          // Public pages: signing in, and choosing a password from an e-mailed link.
          {
            path: 'connexion',
            lazy: async () => ({ Component: (await import('./routes/auth/login')).LoginPage }),
          },
          {
            path: 'mot-de-passe-oublie',
            lazy: async () => ({
              Component: (await import('./routes/auth/forgot-password')).ForgotPasswordPage,
            }),
          },
          {
            path: 'invitation',
            lazy: async () => ({ Component: (await import('./routes/auth/set-password')).InvitationPage }),
          },
          {
            path: 'reinitialiser-mot-de-passe',
            lazy: async () => ({ Component: (await import('./routes/auth/set-password')).ResetPasswordPage }),
          },
          {
            path: 'accessibilite',
            lazy: async () => ({ Component: (await import('./routes/accessibility')).AccessibilityPage }),
          },
          // The indicators guide is public too.
          {
            path: 'indicateurs',
            lazy: async () => ({
              Component: (await import('./routes/indicators/indicator-guide')).IndicatorGuidePage,
            }),
          },
          {
            path: 'indicateurs/:code',
            lazy: async () => ({
              Component: (await import('./routes/indicators/indicator-sheet')).IndicatorSheetPage,
            }),
          },
          // Pages that need an account (signed out: sent to /connexion, then back).
          {
            Component: RequireAuth,
            children: [
              {
                path: 'structures',
                lazy: async () => ({
                  Component: (await import('./routes/structures/structures-search')).StructuresSearchPage,
                }),
              },
              {
                path: 'structures/:finess',
                lazy: async () => ({
                  Component: (await import('./routes/structures/structure')).StructurePage,
                }),
              },
              {
                path: 'organisations/:finess',
                lazy: async () => ({
                  Component: (await import('./routes/organisations/organisation')).OrganisationPage,
                }),
              },
              {
                path: 'campagnes',
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/campaigns')).CampaignsPage,
                }),
              },
              {
                path: 'campagnes/:year/saisies',
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/submissions')).SubmissionsPage,
                }),
              },
              {
                path: 'campagnes/:year/suivi',
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/follow-up')).FollowUpPage,
                }),
              },
              {
                path: 'campagnes/:year/perimetre',
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/scope')).ScopePage,
                }),
              },
              {
                path: 'campagnes/:year/communication',
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/communication')).CommunicationPage,
                }),
              },
              {
                path: 'campagnes/:year/atypies',
                lazy: async () => ({
                  Component: (await import('./routes/atypia/atypia')).AtypiaPage,
                }),
              },
              {
                path: 'campagnes/:year/atypies/:flagId',
                lazy: async () => ({
                  Component: (await import('./routes/atypia/atypia-flag')).AtypiaFlagPage,
                }),
              },
              {
                path: 'campagnes/:year/fiabilisation',
                lazy: async () => ({
                  Component: (await import('./routes/atypia/fiabilisation')).FiabilisationPage,
                }),
              },
              {
                path: 'referents',
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/referents')).ReferentsPage,
                }),
              },
              {
                path: 'campagnes/:year/structures/:finess',
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/submission')).SubmissionPage,
                }),
              },
              {
                path: 'campagnes/:year/structures/:finess/indicateurs',
                lazy: async () => ({
                  Component: (await import('./routes/indicators/structure-indicators'))
                    .StructureIndicatorsPage,
                }),
              },
              {
                path: 'campagnes/:year/structures/:finess/restitution',
                lazy: async () => ({
                  Component: (await import('./routes/restitution/structure-restitution'))
                    .StructureRestitutionPage,
                }),
              },
              {
                path: 'campagnes/:year/restitution',
                lazy: async () => ({
                  Component: (await import('./routes/restitution/territory-restitution'))
                    .TerritoryRestitutionPage,
                }),
              },
              {
                path: 'campagnes/:year/organisations/:ogFiness/restitution',
                lazy: async () => ({
                  Component: (await import('./routes/restitution/organisation-restitution'))
                    .OrganisationRestitutionPage,
                }),
              },
              {
                path: 'campagnes/:year/organisations/:ogFiness',
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/organisation-entry')).OrganisationEntryPage,
                }),
              },
              {
                path: 'mon-compte',
                lazy: async () => ({
                  Component: (await import('./routes/account/my-account')).MyAccountPage,
                }),
              },
            ],
          },
          {
            Component: AccountsGate,
            children: [
              {
                path: 'utilisateurs',
                lazy: async () => ({ Component: (await import('./routes/users/users')).UsersPage }),
              },
              {
                path: 'utilisateurs/nouveau',
                lazy: async () => ({
                  Component: (await import('./routes/users/user-create')).UserCreatePage,
                }),
              },
              {
                path: 'utilisateurs/import',
                lazy: async () => ({
                  Component: (await import('./routes/users/users-import')).UsersImportPage,
                }),
              },
              {
                path: 'utilisateurs/:id',
                lazy: async () => ({ Component: (await import('./routes/users/user')).UserPage }),
              },
            ],
          },
          {
            Component: EmailsGate,
            children: [
              {
                path: 'courriels',
                lazy: async () => ({ Component: (await import('./routes/emails/emails')).EmailsPage }),
              },
            ],
          },
          {
            Component: AuditGate,
            children: [
              {
                path: 'journal',
                lazy: async () => ({ Component: (await import('./routes/audit/audit')).AuditPage }),
              },
            ],
          },
          {
            Component: ApiTokensGate,
            children: [
              {
                path: 'jetons-api',
                lazy: async () => ({
                  Component: (await import('./routes/api-tokens/api-tokens')).ApiTokensPage,
                }),
              },
            ],
          },
          {
            Component: SettingsGate,
            children: [
              {
                path: 'parametres',
                lazy: async () => ({ Component: (await import('./routes/settings/settings')).SettingsPage }),
              },
            ],
          },
          { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundPage }) },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
