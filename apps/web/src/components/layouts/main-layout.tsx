import { useEffect, useRef, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';

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
 * screen reader and keyboard users start reading the new page from its top (RGAA 12.7).
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(CONTENT_ID)?.focus({ preventScroll: false });
  }, [pathname]);
}

export function MainLayout({ children }: { children?: ReactNode }) {
  const { pathname } = useLocation();
  useFocusMainOnNavigation();

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
        navigation={[
          { text: 'Accueil', linkProps: { to: '/' }, isActive: pathname === '/' },
          {
            text: 'Structures',
            linkProps: { to: '/structures' },
            isActive: pathname.startsWith('/structures') || pathname.startsWith('/organisations'),
          },
        ]}
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
        contentDescription="Le tableau de bord de la performance dans le secteur médico-social permet aux agences régionales de santé, aux conseils départementaux et aux organismes gestionnaires de suivre les établissements et services médico-sociaux."
      />
    </>
  );
}
