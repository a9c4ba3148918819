import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { Link } from 'react-router';
import { setLink } from '@codegouvfr/react-dsfr/link';
import { authStore } from '@/lib/auth/auth-store';

// As startReactDsfr does in main.tsx (without loading the DSFR scripts): DSFR links are router links.
setLink({ Link: Link as never });

// findBy…/waitFor give up after 1 s by default: on a loaded machine a render can take longer.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  // Every test starts as a fresh page: nobody signed in yet, no token in memory.
  authStore.reset();
});
