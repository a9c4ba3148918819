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

export const SERVICE_TITLE = 'Tableau de bord de la performance';
export const CONTENT_ID = 'contenu';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

const homeLinkProps = { to: '/', title: `Accueil – ${SERVICE_TITLE} – Secteur médico-social` };

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
  const currentYear = useCurrentCampaignYear(authority.canFollow);
  const under = (...prefixes: string[]) =>
    prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));

  const navigation: MainNavigationProps.Item[] = [
    { text: 'Accueil', linkProps: { to: '/' }, isActive: pathname === '/' },
  ];
  // Public: signed in or not.
  const guide: MainNavigationProps.Item = {
    text: 'Guide des indicateurs',
    linkProps: { to: '/indicateurs' },
    isActive: under('/indicateurs'),
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
      isActive: under('/campagnes', '/referents'),
      menuLinks: [
        {
          text: 'Toutes les campagnes',
          linkProps: { to: '/campagnes' },
          isActive: pathname === '/campagnes',
        },
        ...(currentYear
          ? [
              {
                text: `Suivi de la campagne ${currentYear}`,
                linkProps: { to: `/campagnes/${currentYear}/suivi` },
                isActive: under(`/campagnes/${currentYear}/suivi`),
              },
              {
                text: `Périmètre ${currentYear}`,
                linkProps: { to: `/campagnes/${currentYear}/perimetre` },
                isActive: under(`/campagnes/${currentYear}/perimetre`),
              },
              {
                text: `Restitution ${currentYear}`,
                linkProps: { to: `/campagnes/${currentYear}/restitution` },
                isActive: under(`/campagnes/${currentYear}/restitution`),
              },
              {
                text: `Atypies ${currentYear}`,
                linkProps: { to: `/campagnes/${currentYear}/atypies` },
                isActive: under(`/campagnes/${currentYear}/atypies`),
              },
              ...(authority.canCommunicate
                ? [
                    {
                      text: `Communication ${currentYear}`,
                      linkProps: { to: `/campagnes/${currentYear}/communication` },
                      isActive: under(`/campagnes/${currentYear}/communication`),
                    },
                    {
                      text: `Organisation de la fiabilisation ${currentYear}`,
                      linkProps: { to: `/campagnes/${currentYear}/fiabilisation` },
                      isActive: under(`/campagnes/${currentYear}/fiabilisation`),
                    },
                  ]
                : []),
            ]
          : []),
        { text: 'Référents TDB', linkProps: { to: '/referents' }, isActive: under('/referents') },
      ],
    });
  } else {
    navigation.push({
      text: 'Campagnes',
      linkProps: { to: '/campagnes' },
      isActive: under('/campagnes'),
    });
  }
  navigation.push({
    text: 'Structures',
    linkProps: { to: '/structures' },
    isActive: under('/structures', '/organisations'),
  });
  navigation.push(guide);
  if (permissions.canManageAccounts) {
    navigation.push({
      text: 'Utilisateurs',
      linkProps: { to: '/utilisateurs' },
      isActive: under('/utilisateurs'),
    });
  }
  if (permissions.canReadEmails) {
    navigation.push({
      text: 'Courriels envoyés',
      linkProps: { to: '/courriels' },
      isActive: under('/courriels'),
    });
  }
  if (permissions.canReadAudit) {
    navigation.push({ text: 'Journal', linkProps: { to: '/journal' }, isActive: under('/journal') });
  }
  if (permissions.canManageApiTokens) {
    navigation.push({
      text: "Jetons d'API",
      linkProps: { to: '/jetons-api' },
      isActive: under('/jetons-api'),
    });
  }
  if (permissions.canManageSettings) {
    navigation.push({ text: 'Paramètres', linkProps: { to: '/parametres' }, isActive: under('/parametres') });
  }
  return {
    navigation,
    quickAccessItems: [
      { iconId: 'fr-icon-account-circle-line', text: 'Mon compte', linkProps: { to: '/mon-compte' } },
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
        accessibilityLinkProps={{ to: '/accessibilite' }}
        bottomItems={[{ text: 'Guide des indicateurs', linkProps: { to: '/indicateurs' } }]}
        contentDescription="Le tableau de bord de la performance dans le secteur médico-social permet aux agences régionales de santé, aux conseils départementaux et aux organismes gestionnaires de suivre les établissements et services médico-sociaux."
      />
    </>
  );
}
