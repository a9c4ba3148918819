// Starts the demo OpenID Connect provider (provider.mjs) in a child process for `npm start` and the
// browser tests, and returns the API's environment for it (OIDC_*). Its users are TDB's demo
// accounts (same addresses, same password) plus one address that has no TDB account.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';

const SCRIPT = path.join(import.meta.dirname, 'provider.mjs');
/** Signs in at the provider but has no TDB account: shows the « Aucun compte TDB… » page. */
export const UNKNOWN_DEMO_EMAIL = 'inconnu@fournisseur.localhost';

/** The addresses in a text (the demo accounts printed by seed-demo). */
export function emailsIn(text) {
  return [...new Set(text.match(/[\w.+-]+@[\w.-]+\.[a-z]+/gi) ?? [])];
}

export async function startDemoProvider({ publicUrl, emails, password, port = 0 }) {
  const clientId = 'tdb-demo';
  const clientSecret = randomBytes(24).toString('hex');
  const users = [...emails, UNKNOWN_DEMO_EMAIL].map((email) => ({ email, password }));
  const child = spawn(process.execPath, [SCRIPT], {
    env: {
      PATH: process.env.PATH ?? '',
      OIDC_DEMO_PORT: String(port),
      OIDC_DEMO_CLIENT_ID: clientId,
      OIDC_DEMO_CLIENT_SECRET: clientSecret,
      OIDC_DEMO_REDIRECT_URIS: `${publicUrl}/api/auth/oidc/callback`,
      OIDC_DEMO_POST_LOGOUT_REDIRECT_URIS: `${publicUrl}/connexion?deconnexion=fournisseur`,
      OIDC_DEMO_USERS: JSON.stringify(users),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    // Its warnings about the runtime and its in-memory store are expected for a demo.
    if (!line.startsWith('oidc-provider WARNING')) console.error(line);
  });
  const issuer = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line).issuer);
    });
    child.once('exit', (code) => reject(new Error(`the demo identity provider stopped (exit ${code})`)));
  });
  return {
    issuer,
    users,
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_SCOPES: 'openid email profile',
      OIDC_ALLOW_INSECURE: 'true',
    },
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
