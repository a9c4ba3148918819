// A small OpenID Connect provider (oidc-provider) for the demo (`npm start` with OIDC_DEMO=1) and
// for the tests, which talk to it over HTTP as TDB talks to ProConnect. Not for production.
//
// Environment:
//   OIDC_DEMO_PORT      port to listen on (0: any free one)
//   OIDC_DEMO_ISSUER    the issuer URL (default http://127.0.0.1:<port>; set it when a proxy fronts it)
//   OIDC_DEMO_CLIENT_ID / OIDC_DEMO_CLIENT_SECRET  the one registered client
//   OIDC_DEMO_REDIRECT_URIS / OIDC_DEMO_POST_LOGOUT_REDIRECT_URIS  comma-separated
//   OIDC_DEMO_USERS     JSON array of { email, password, emailVerified?, sub?, givenName?, familyName? }
//
// Once listening it prints one JSON line on stdout: { "issuer": "...", "port": 1234 }.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const env = process.env;
const users = JSON.parse(env.OIDC_DEMO_USERS ?? '[]').map((user) => ({
  ...user,
  sub: user.sub ?? createHash('sha256').update(user.email.toLowerCase()).digest('hex').slice(0, 24),
}));
const list = (value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const escape = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const page = (title, body) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Fournisseur d’identité de démonstration</title>
<style>body{font-family:Marianne,Arial,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#161616}
label{display:block;margin-top:1rem;font-weight:bold}input{display:block;width:100%;padding:.5rem;margin-top:.25rem;font-size:1rem;border:1px solid #3a3a3a}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#000091;color:#fff;border:0;cursor:pointer}
.secondary{background:#fff;color:#000091;border:1px solid #000091;margin-left:.5rem}.error{color:#ce0500;font-weight:bold}</style>
</head><body><main>${body}</main></body></html>`;

function loginPage(uid, error, email = '') {
  return page(
    'Connexion',
    `<h1>Fournisseur d’identité de démonstration</h1>
<p>Identifiez-vous pour accéder au tableau de bord (démonstration de ProConnect).</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="email">Adresse électronique</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escape(email)}">
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
<button type="submit" class="secondary" formaction="/interaction/${escape(uid)}/abort" formnovalidate>Annuler</button>
</form>`,
  );
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'demo-signing-key',
  use: 'sig',
  alg: 'RS256',
};

function configuration() {
  return {
    clients: [
      {
        client_id: env.OIDC_DEMO_CLIENT_ID ?? 'tdb',
        client_secret: env.OIDC_DEMO_CLIENT_SECRET ?? 'tdb-demo-secret',
        client_name: 'Tableau de bord de la performance',
        redirect_uris: list(env.OIDC_DEMO_REDIRECT_URIS),
        post_logout_redirect_uris: list(env.OIDC_DEMO_POST_LOGOUT_REDIRECT_URIS),
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
    },
    // The claims of the requested scopes in the ID token itself (TDB also reads UserInfo when absent).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = page(
            'Déconnexion',
            `<h1>Se déconnecter du fournisseur d’identité ?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Oui, me déconnecter</button>
<button type="submit" class="secondary" form="op.logoutForm">Non, rester connecté</button>`,
          );
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Déconnecté', '<h1>Vous êtes déconnecté du fournisseur d’identité.</h1>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Erreur',
        `<h1>Une erreur est survenue</h1><p>${escape(out.error_description ?? out.error)}</p>`,
      );
    },
    async findAccount(ctx, sub) {
      const user = users.find((u) => u.sub === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: user.email,
            email_verified: user.emailVerified ?? true,
            given_name: user.givenName ?? 'Prénom',
            family_name: user.familyName ?? 'Nom',
          };
        },
      };
    },
    // One first-party client: no consent screen, the requested scopes are granted.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
    },
  };
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Erreur', '<h1>Demande inconnue</h1>'));
  if (req.method === 'GET') return send(res, 200, loginPage(uid));
  const form = await readForm(req);
  if (action === 'abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'Connexion annulée par l’utilisateur',
    });
  }
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const user = users.find((u) => u.email.toLowerCase() === email && u.password === form.get('password'));
  if (!user) return send(res, 200, loginPage(uid, 'Adresse électronique ou mot de passe incorrect.', email));
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
}

const server = http.createServer();
server.listen(Number(env.OIDC_DEMO_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = env.OIDC_DEMO_ISSUER || `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration());
  provider.on('server_error', (ctx, error) => console.error('oidc-demo-provider:', error));
  const handle = provider.callback();
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url, issuer).pathname);
    if (!match) return handle(req, res);
    interaction(provider, req, res, match[1], match[2]).catch((error) => {
      console.error('oidc-demo-provider:', error.message);
      if (!res.headersSent)
        send(res, 400, page('Erreur', `<h1>Demande expirée</h1><p>${escape(error.message)}</p>`));
    });
  });
  console.log(JSON.stringify({ issuer, port }));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
