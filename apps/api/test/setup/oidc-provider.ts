/**
 * A real OpenID Connect provider for the tests: tools/oidc-demo-provider/provider.mjs (oidc-provider)
 * in a child process, behind a small HTTP proxy in this process that can alter what the provider's
 * token endpoint answers (the ID token edited, or signed with another key) as a hostile network
 * would. The provider's issuer is the proxy's address. `browser` walks its login page over HTTP
 * with a cookie jar, as a person would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export interface ProviderUser {
  email: string;
  password: string;
  emailVerified?: boolean;
  sub?: string;
}

/** pass: untouched; altered: the ID token's payload edited (signature kept); foreign-key: re-signed with another key. */
export type TokenTampering = 'pass' | 'altered' | 'foreign-key';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment of the API for this provider. */
  env: Record<string, string>;
  tampering: TokenTampering;
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(__dirname, '../../../../tools/oidc-demo-provider/provider.mjs');
export const PUBLIC_URL = 'http://localhost:3000';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

function tamper(idToken: string, how: TokenTampering): string {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const claims = unb64(payload);
  if (how === 'altered') {
    return `${header}.${b64({ ...claims, email: 'intrus@exemple.fr', sub: 'intrus' })}.${signature}`;
  }
  // Another key, presented under the provider's key id: only the signature check can tell.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = `${header}.${payload}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

export async function startTestProvider(users: ProviderUser[]): Promise<TestProvider> {
  const clientId = 'tdb-test';
  const clientSecret = 'secret-de-test-du-client-tdb';
  let upstream = 0;
  const state = { tampering: 'pass' as TokenTampering };
  const proxy = http.createServer((req, res) => {
    const forward = http.request(
      { host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const rewrite = req.url?.startsWith('/token') && state.tampering !== 'pass';
        if (!rewrite) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (typeof body.id_token === 'string') body.id_token = tamper(body.id_token, state.tampering);
          const text = JSON.stringify(body);
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: {
      PATH: process.env['PATH'] ?? '',
      OIDC_DEMO_PORT: '0',
      OIDC_DEMO_ISSUER: issuer,
      OIDC_DEMO_CLIENT_ID: clientId,
      OIDC_DEMO_CLIENT_SECRET: clientSecret,
      OIDC_DEMO_REDIRECT_URIS: `${PUBLIC_URL}/api/auth/oidc/callback`,
      OIDC_DEMO_POST_LOGOUT_REDIRECT_URIS: `${PUBLIC_URL}/connexion?deconnexion=fournisseur`,
      OIDC_DEMO_USERS: JSON.stringify(users),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // oidc-provider's warnings about this runtime and its in-memory store are expected here.
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line.startsWith('oidc-provider WARNING')) process.stderr.write(`${line}\n`);
  });
  upstream = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`the test provider stopped (${code})`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_SCOPES: 'openid email profile',
      OIDC_ALLOW_INSECURE: 'true',
      PUBLIC_URL,
    },
    get tampering() {
      return state.tampering;
    },
    set tampering(value: TokenTampering) {
      state.tampering = value;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const closed = new Promise((resolve) => proxy.close(resolve));
      proxy.closeAllConnections();
      await closed;
    },
  };
}

/** A browser's view of the provider: its cookies, following its redirects until one leaves it. */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly issuer: string) {}

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null; body: string }> {
    const response = await fetch(new URL(url, this.issuer), {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, new URL(url, this.issuer)).toString() : null,
      body: await response.text(),
    };
  }

  /** Follows redirects while they stay at the provider; returns the last answer there, or the URL that leaves. */
  async follow(url: string): Promise<{ leftTo: string | null; body: string; url: string }> {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      const answer = await this.request(current);
      if (!answer.location) return { leftTo: null, body: answer.body, url: current };
      if (!answer.location.startsWith(this.issuer))
        return { leftTo: answer.location, body: '', url: current };
      current = answer.location;
    }
    throw new Error('too many redirects at the provider');
  }

  /**
   * From the provider's authorization URL to where it sends the browser back (TDB's callback),
   * signing in on its login page with `email` and `password` when it asks.
   */
  async signIn(authorizationUrl: string, email: string, password: string): Promise<string> {
    const first = await this.follow(authorizationUrl);
    if (first.leftTo) return first.leftTo;
    const action = /action="([^"]+)"/.exec(first.body)?.[1];
    if (!action) throw new Error(`no login form at the provider: ${first.body.slice(0, 300)}`);
    const posted = await this.request(action.replace(/&amp;/g, '&'), {
      method: 'POST',
      form: { email, password },
    });
    if (!posted.location) throw new Error(`login refused at the provider: ${posted.body.slice(0, 300)}`);
    const next = await this.follow(posted.location);
    if (!next.leftTo)
      throw new Error(`the provider did not send the browser back: ${next.body.slice(0, 300)}`);
    return next.leftTo;
  }
}
