import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Link } from 'react-router';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { App } from '@/app/app';
import '@/styles.css';

startReactDsfr({ defaultColorScheme: 'system', Link });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error("L'élément #root est absent de index.html.");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
