import { createBrowserRouter, isRouteErrorResponse, useRouteError, type RouteObject } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { MainLayout, SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/lib/paths';
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
          <Button priority="secondary" linkProps={{ to: paths.home.href(), reloadDocument: true }}>
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
    path: paths.home.path,
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
            path: paths.login.path,
            lazy: async () => ({ Component: (await import('./routes/auth/login')).LoginPage }),
          },
          {
            path: paths.providerSignInFailure.path,
            lazy: async () => ({
              Component: (await import('./routes/auth/provider-sign-in-failure')).ProviderSignInFailurePage,
            }),
          },
          {
            path: paths.forgotPassword.path,
            lazy: async () => ({
              Component: (await import('./routes/auth/forgot-password')).ForgotPasswordPage,
            }),
          },
          {
            path: paths.invitation.path,
            lazy: async () => ({ Component: (await import('./routes/auth/set-password')).InvitationPage }),
          },
          {
            path: paths.grantInvitation.path,
            lazy: async () => ({
              Component: (await import('./routes/auth/grant-invitation')).GrantInvitationPage,
            }),
          },
          {
            path: paths.resetPassword.path,
            lazy: async () => ({ Component: (await import('./routes/auth/set-password')).ResetPasswordPage }),
          },
          {
            path: paths.accessibility.path,
            lazy: async () => ({ Component: (await import('./routes/accessibility')).AccessibilityPage }),
          },
          // The indicators guide is public too.
          {
            path: paths.indicators.path,
            lazy: async () => ({
              Component: (await import('./routes/indicators/indicator-guide')).IndicatorGuidePage,
            }),
          },
          {
            path: paths.indicator.path,
            lazy: async () => ({
              Component: (await import('./routes/indicators/indicator-sheet')).IndicatorSheetPage,
            }),
          },
          // Pages that need an account (signed out: sent to /connexion, then back).
          {
            Component: RequireAuth,
            children: [
              {
                path: paths.structures.path,
                lazy: async () => ({
                  Component: (await import('./routes/structures/structures-search')).StructuresSearchPage,
                }),
              },
              {
                path: paths.structure.path,
                lazy: async () => ({
                  Component: (await import('./routes/structures/structure')).StructurePage,
                }),
              },
              {
                path: paths.organisation.path,
                lazy: async () => ({
                  Component: (await import('./routes/organisations/organisation')).OrganisationPage,
                }),
              },
              {
                path: paths.campaigns.path,
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/campaigns')).CampaignsPage,
                }),
              },
              {
                path: paths.campaignSubmissions.path,
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/submissions')).SubmissionsPage,
                }),
              },
              {
                path: paths.campaignFollowUp.path,
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/follow-up')).FollowUpPage,
                }),
              },
              {
                path: paths.campaignScope.path,
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/scope')).ScopePage,
                }),
              },
              {
                path: paths.campaignCommunication.path,
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/communication')).CommunicationPage,
                }),
              },
              {
                path: paths.campaignAtypia.path,
                lazy: async () => ({
                  Component: (await import('./routes/atypia/atypia')).AtypiaPage,
                }),
              },
              {
                path: paths.atypiaFlag.path,
                lazy: async () => ({
                  Component: (await import('./routes/atypia/atypia-flag')).AtypiaFlagPage,
                }),
              },
              {
                path: paths.campaignQuestions.path,
                lazy: async () => ({
                  Component: (await import('./routes/support/questions')).QuestionsPage,
                }),
              },
              {
                path: paths.askQuestion.path,
                lazy: async () => ({
                  Component: (await import('./routes/support/ask')).AskQuestionPage,
                }),
              },
              {
                path: paths.question.path,
                lazy: async () => ({
                  Component: (await import('./routes/support/question')).QuestionPage,
                }),
              },
              {
                path: paths.campaignFaq.path,
                lazy: async () => ({
                  Component: (await import('./routes/support/faq')).FaqPage,
                }),
              },
              {
                path: paths.campaignFiabilisation.path,
                lazy: async () => ({
                  Component: (await import('./routes/atypia/fiabilisation')).FiabilisationPage,
                }),
              },
              {
                path: paths.referents.path,
                lazy: async () => ({
                  Component: (await import('./routes/follow-up/referents')).ReferentsPage,
                }),
              },
              {
                path: paths.submission.path,
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/submission')).SubmissionPage,
                }),
              },
              {
                path: paths.submissionIndicators.path,
                lazy: async () => ({
                  Component: (await import('./routes/indicators/structure-indicators'))
                    .StructureIndicatorsPage,
                }),
              },
              {
                path: paths.submissionRestitution.path,
                lazy: async () => ({
                  Component: (await import('./routes/restitution/structure-restitution'))
                    .StructureRestitutionPage,
                }),
              },
              {
                path: paths.territoryRestitution.path,
                lazy: async () => ({
                  Component: (await import('./routes/restitution/territory-restitution'))
                    .TerritoryRestitutionPage,
                }),
              },
              {
                path: paths.organisationRestitution.path,
                lazy: async () => ({
                  Component: (await import('./routes/restitution/organisation-restitution'))
                    .OrganisationRestitutionPage,
                }),
              },
              {
                path: paths.organisationEntry.path,
                lazy: async () => ({
                  Component: (await import('./routes/campaigns/organisation-entry')).OrganisationEntryPage,
                }),
              },
              {
                path: paths.myAccount.path,
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
                path: paths.users.path,
                lazy: async () => ({ Component: (await import('./routes/users/users')).UsersPage }),
              },
              {
                path: paths.userCreate.path,
                lazy: async () => ({
                  Component: (await import('./routes/users/user-create')).UserCreatePage,
                }),
              },
              {
                path: paths.usersImport.path,
                lazy: async () => ({
                  Component: (await import('./routes/users/users-import')).UsersImportPage,
                }),
              },
              {
                path: paths.user.path,
                lazy: async () => ({ Component: (await import('./routes/users/user')).UserPage }),
              },
            ],
          },
          {
            Component: EmailsGate,
            children: [
              {
                path: paths.emails.path,
                lazy: async () => ({ Component: (await import('./routes/emails/emails')).EmailsPage }),
              },
            ],
          },
          {
            Component: AuditGate,
            children: [
              {
                path: paths.audit.path,
                lazy: async () => ({ Component: (await import('./routes/audit/audit')).AuditPage }),
              },
            ],
          },
          {
            Component: ApiTokensGate,
            children: [
              {
                path: paths.apiTokens.path,
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
                path: paths.settings.path,
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
