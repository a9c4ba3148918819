import { useEffect, useRef, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useAuth } from '@/lib/auth/auth-provider';
import { LOGIN_PATH, loginPathFor } from '@/lib/auth/return-to';
import { useCurrentCampaignYear } from '@/lib/api/use-current-campaign';
import { useAuthorityAccess } from '@/lib/auth/use-authority-access';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { paths } from '@/lib/paths';

export const SERVICE_TITLE = 'Tableau de bord de la performance';
export const CONTENT_ID = 'contenu';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

const homeLinkProps = { to: paths.home.href(), title: `Accueil – ${SERVICE_TITLE} – Secteur médico-social` };

/**
 * Moves the focus to the main content after a client-side navigation, as a page load would, so that
 * screen reader and keyboard users start reading the new page from its top (RGAA 12.7). An address
 * with a fragment (/mon-compte#double-authentification) moves it to that part of the page instead.
 */
function useFocusMainOnNavigation() {
  const { pathname, hash } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    (target ?? document.getElementById(CONTENT_ID))?.focus({ preventScroll: false });
  }, [pathname, hash]);
}

/** The header's quick access and main navigation, following the signed-in account's profiles. */
function useHeaderItems(): {
  quickAccessItems: HeaderProps.QuickAccessItem[];
  navigation: MainNavigationProps.Item[];
} {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const { state, permissions, signOut } = useAuth();
  const authority = useAuthorityAccess();
  const structureSide = asksQuestions(state.status === 'authenticated' ? state.account : null);
  const currentYear = useCurrentCampaignYear(authority.canFollow || structureSide);
  /** The campaign of the page (« /campagnes/2026/… »), else the current one: where questions go. */
  const pageYear = /^\/campagnes\/(\d{4})(\/|$)/.exec(pathname)?.[1] ?? currentYear;
  /** Whether the page is one of `pages` or below it (a route pattern stops at its first parameter). */
  const under = (...pages: string[]) =>
    pages.some((page) => {
      const prefix = page.split('/:')[0] ?? page;
      return pathname === prefix || pathname.startsWith(`${prefix}/`);
    });

  const navigation: MainNavigationProps.Item[] = [
    { text: 'Accueil', linkProps: { to: paths.home.href() }, isActive: pathname === paths.home.path },
  ];
  // Public: signed in or not.
  const guide: MainNavigationProps.Item = {
    text: 'Guide des indicateurs',
    linkProps: { to: paths.indicators.href() },
    isActive: under(paths.indicators.href()),
  };
  if (state.status !== 'authenticated') {
    const onPublicAuthPage = pathname === LOGIN_PATH;
    return {
      navigation: [...navigation, guide],
      quickAccessItems:
        state.status === 'anonymous'
          ? [
              {
                iconId: 'fr-icon-lock-line',
                text: 'Se connecter',
                linkProps: {
                  to: onPublicAuthPage ? `${pathname}${search}` : loginPathFor(`${pathname}${search}`),
                },
              },
            ]
          : [],
    };
  }

  if (authority.canFollow) {
    // ARS, CD and national staff: the campaigns, their follow-up and the TDB referents.
    navigation.push({
      text: 'Campagnes',
      isActive: under(paths.campaigns.href(), paths.referents.href()),
      menuLinks: [
        {
          text: 'Toutes les campagnes',
          linkProps: { to: paths.campaigns.href() },
          isActive: pathname === paths.campaigns.href(),
        },
        ...(currentYear
          ? [
              {
                text: `Suivi de la campagne ${currentYear}`,
                linkProps: { to: paths.campaignFollowUp.href(currentYear) },
                isActive: under(paths.campaignFollowUp.href(currentYear)),
              },
              {
                text: `Périmètre ${currentYear}`,
                linkProps: { to: paths.campaignScope.href(currentYear) },
                isActive: under(paths.campaignScope.href(currentYear)),
              },
              {
                text: `Restitution ${currentYear}`,
                linkProps: { to: paths.territoryRestitution.href(currentYear) },
                isActive: under(paths.territoryRestitution.href(currentYear)),
              },
              {
                text: `Atypies ${currentYear}`,
                linkProps: { to: paths.campaignAtypia.href(currentYear) },
                isActive: under(paths.campaignAtypia.href(currentYear)),
              },
              {
                text: `Questions reçues ${currentYear}`,
                linkProps: { to: paths.campaignQuestions.href(currentYear) },
                isActive: under(paths.campaignQuestions.href(currentYear)),
              },
              {
                text: `FAQ ${currentYear}`,
                linkProps: { to: paths.campaignFaq.href(currentYear) },
                isActive: under(paths.campaignFaq.path.replace(':year', String(currentYear))),
              },
              ...(authority.canCommunicate
                ? [
                    {
                      text: `Communication ${currentYear}`,
                      linkProps: { to: paths.campaignCommunication.href(currentYear) },
                      isActive: under(paths.campaignCommunication.href(currentYear)),
                    },
                    {
                      text: `Organisation de la fiabilisation ${currentYear}`,
                      linkProps: { to: paths.campaignFiabilisation.href(currentYear) },
                      isActive: under(paths.campaignFiabilisation.href(currentYear)),
                    },
                  ]
                : []),
            ]
          : []),
        {
          text: 'Référents TDB',
          linkProps: { to: paths.referents.href() },
          isActive: under(paths.referents.href()),
        },
      ],
    });
  } else if (structureSide && currentYear) {
    navigation.push({
      text: 'Campagnes',
      isActive: under(paths.campaigns.href()),
      menuLinks: [
        {
          text: 'Toutes les campagnes',
          linkProps: { to: paths.campaigns.href() },
          isActive: pathname === paths.campaigns.href(),
        },
        {
          text: `Mes questions ${currentYear}`,
          linkProps: { to: paths.campaignQuestions.href(currentYear) },
          isActive: under(paths.campaignQuestions.href(currentYear)),
        },
        {
          text: `FAQ ${currentYear}`,
          linkProps: { to: paths.campaignFaq.href(currentYear) },
          isActive: under(paths.campaignFaq.path.replace(':year', String(currentYear))),
        },
      ],
    });
  } else {
    navigation.push({
      text: 'Campagnes',
      linkProps: { to: paths.campaigns.href() },
      isActive: under(paths.campaigns.href()),
    });
  }
  navigation.push({
    text: 'Structures',
    linkProps: { to: paths.structures.href() },
    isActive: under(paths.structures.path, paths.organisation.path),
  });
  navigation.push(guide);
  if (permissions.canManageAccounts) {
    navigation.push({
      text: 'Utilisateurs',
      linkProps: { to: paths.users.href() },
      isActive: under(paths.users.href()),
    });
  }
  if (permissions.canReadEmails) {
    navigation.push({
      text: 'Courriels envoyés',
      linkProps: { to: paths.emails.href() },
      isActive: under(paths.emails.href()),
    });
  }
  if (permissions.canReadAudit) {
    navigation.push({
      text: 'Journal',
      linkProps: { to: paths.audit.href() },
      isActive: under(paths.audit.href()),
    });
  }
  if (permissions.canManageApiTokens) {
    navigation.push({
      text: "Jetons d'API",
      linkProps: { to: paths.apiTokens.href() },
      isActive: under(paths.apiTokens.href()),
    });
  }
  if (permissions.canManageSettings) {
    navigation.push({
      text: 'Paramètres',
      linkProps: { to: paths.settings.href() },
      isActive: under(paths.settings.href()),
    });
  }
  return {
    navigation,
    quickAccessItems: [
      {
        iconId: 'fr-icon-account-circle-line',
        text: 'Mon compte',
        linkProps: { to: paths.myAccount.href() },
      },
      {
        iconId: 'fr-icon-logout-box-r-line',
        text: 'Se déconnecter',
        buttonProps: {
          type: 'button',
          onClick: () => {
            void signOut().then(() => navigate(LOGIN_PATH));
          },
        },
      },
      // « Poser une question » from every page, with the page attached (issue 17 §2). Last: it
      // appears once the campaign year is known, and an item inserted before the others would turn
      // the link under a reader's pointer (« Mon compte ») into this one.
      ...(structureSide && pageYear
        ? [
            {
              iconId: 'fr-icon-question-line' as const,
              text: 'Poser une question',
              linkProps: {
                to: paths.askQuestion.href(pageYear, { page: `${pathname}${search}`.slice(0, 300) }),
              },
            },
          ]
        : []),
    ],
  };
}

export function MainLayout({ children }: { children?: ReactNode }) {
  useFocusMainOnNavigation();
  const { navigation, quickAccessItems } = useHeaderItems();

  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: `#${CONTENT_ID}` },
          { label: 'Menu', anchor: '#fr-header-main-navigation' },
          { label: 'Pied de page', anchor: '#fr-footer' },
        ]}
      />
      <Header
        id="fr-header"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle={SERVICE_TITLE}
        serviceTagline="Secteur médico-social"
        quickAccessItems={quickAccessItems}
        navigation={navigation}
      />
      <main id={CONTENT_ID} tabIndex={-1} role="main" className="tdb-main">
        {children ?? <Outlet />}
      </main>
      <Footer
        id="fr-footer"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: paths.accessibility.href() }}
        bottomItems={[{ text: 'Guide des indicateurs', linkProps: { to: paths.indicators.href() } }]}
        contentDescription="Le tableau de bord de la performance dans le secteur médico-social permet aux agences régionales de santé, aux conseils départementaux et aux organismes gestionnaires de suivre les établissements et services médico-sociaux."
      />
    </>
  );
}
