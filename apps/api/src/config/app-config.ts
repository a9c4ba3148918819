/**
 * The only place that reads process.env. Every variable is validated once at boot; a bad value stops
 * the process with a message naming the variable (see .env.example for the list and defaults).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Pending connections the kernel queues before refusing (capped by net.core.somaxconn). */
  httpBacklog: number;
  /** Set: a PostgreSQL server. Unset: the embedded PGlite database persisted in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Log level for pino. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pretty, human-readable logs instead of JSON lines (default in development). */
  logPretty: boolean;
  /** Folder of the built SPA served at "/"; null disables it. */
  webDir: string | null;
  /** Largest accepted upload, in megabytes. */
  uploadLimitMb: number;
  /** Whether this process runs the background jobs (off for API-only replicas and benchmarks). */
  jobsWorker: boolean;
  /**
   * Seconds between a validation (or invalidation, confirmation) and the recompute of its
   * campaign's distributions; those that come meanwhile share it. Each recompute of the national
   * campaign costs seconds of CPU: during a deadline rush, one a minute rather than one every few
   * seconds.
   */
  distributionsDelaySeconds: number;
  /** Memory kept for structures' restitutions between requests, in megabytes (0: none). */
  restitutionCacheMb: number;
  /**
   * Large exports (the regional export, scope, atypia and indicator tables, territorial report)
   * built at once in this process; one per account at a time whatever this is.
   */
  exportConcurrency: number;
  /** Exports waiting for their turn; past that, a 503 "try again in a minute". */
  exportWaiting: number;
  /**
   * Express "trust proxy": the reverse proxies whose X-Forwarded-For is believed (addresses,
   * subnets or loopback/uniquelocal…), false when none. Only what the operator names: a trusted
   * header from anyone else would forge client addresses in throttling and the audit log.
   */
  trustProxy: string | false;
  /**
   * Bearer token of GET /api/metrics (Prometheus); null: the route answers 404, as if absent, so
   * that the figures of the platform's activity are never public by mistake.
   */
  metricsToken: string | null;
  /**
   * How long a stop (SIGTERM/SIGINT) waits for the requests in flight before cutting their
   * connections: below the orchestrator's grace period (Kubernetes: 30 s), so the pool and the
   * job leases are still released before it kills the process.
   */
  shutdownTimeoutMs: number;
  auth: AuthConfig;
  mail: MailConfig;
  /** Sign-in through an OpenID Connect provider (ProConnect…); null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  /** The provider's issuer URL; its metadata is discovered from /.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claims read from the ID token (or UserInfo, when the ID token lacks them). */
  emailClaim: string;
  /** "none": the operator trusts every address the provider sends as verified (documented). */
  emailVerifiedClaim: string;
  /** The provider's name on the sign-in button and pages (« ProConnect »). */
  displayName: string;
  /** Accept an http:// issuer (the demo provider, tests); refused in production. */
  allowInsecure: boolean;
}

export interface AuthConfig {
  /** HMAC secret of access tokens. Random per process outside production (sessions survive: refresh). */
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenDays: number;
  /** Secure flag of the refresh cookie (browsers accept it on http://localhost). */
  cookieSecure: boolean;
  /** Login attempts per minute and address, on the authentication routes. */
  throttlePerMinute: number;
  invitationDays: number;
}

export interface MailConfig {
  /** smtp://user:password@host:port; null = emails are only stored (readable in the SPA). */
  smtpUrl: string | null;
  from: string;
  /** Base of the links sent by email. */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readDatabaseUrl(env: Env): string | null {
  const raw = env['DATABASE_URL'];
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL',
      'is not a valid URL (expected postgres://user:password@host:port/database)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must start with postgres:// or postgresql://, got "${url.protocol}//"`,
    );
  }
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'must name a database (…/tdb)');
  return raw;
}

function readMetricsToken(env: Env): string | null {
  const raw = env['METRICS_TOKEN'];
  if (raw === undefined || raw.trim() === '') return null;
  // Compared in constant time, but a short token is still guessable by trying.
  if (raw.length < 32 || /\s/.test(raw)) {
    throw new ConfigError(
      'METRICS_TOKEN',
      'must be at least 32 characters without spaces (openssl rand -hex 32)',
    );
  }
  return raw;
}

function readJwtSecret(env: Env, nodeEnv: NodeEnv): string {
  const raw = env['JWT_SECRET'];
  if (raw === undefined || raw === '') {
    if (nodeEnv === 'production')
      throw new ConfigError('JWT_SECRET', 'is required in production (at least 32 random characters)');
    return randomBytes(32).toString('hex');
  }
  if (raw.length < 32 || /change|secret|example/i.test(raw)) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 random characters, not a placeholder');
  }
  return raw;
}

function readSmtpUrl(env: Env): string | null {
  const raw = env['SMTP_URL'];
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('protocol');
  } catch {
    throw new ConfigError('SMTP_URL', 'must look like smtp://user:password@host:587 or smtps://…');
  }
  return raw;
}

function readOidc(env: Env, nodeEnv: NodeEnv): OidcConfig | null {
  const issuer = env['OIDC_ISSUER']?.trim();
  if (!issuer) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError('OIDC_ISSUER', `is not a valid URL, got "${issuer}"`);
  }
  const allowInsecure = readBoolean(env, 'OIDC_ALLOW_INSECURE', false);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowInsecure && nodeEnv !== 'production')) {
    throw new ConfigError(
      'OIDC_ISSUER',
      'must be an https:// URL (http:// only with OIDC_ALLOW_INSECURE=true, outside production)',
    );
  }
  const clientId = env['OIDC_CLIENT_ID']?.trim();
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
  const clientSecret = env['OIDC_CLIENT_SECRET'] ?? '';
  if (clientSecret.length < 8) {
    throw new ConfigError(
      'OIDC_CLIENT_SECRET',
      'is required when OIDC_ISSUER is set (the secret the provider gave)',
    );
  }
  const scopes = (env['OIDC_SCOPES']?.trim() || 'openid email').split(/\s+/);
  if (!scopes.includes('openid')) throw new ConfigError('OIDC_SCOPES', 'must include "openid"');
  const claim = (name: string, fallback: string) => {
    const raw = env[name]?.trim() || fallback;
    if (!/^[\w.:-]{1,100}$/.test(raw)) throw new ConfigError(name, `must be a claim name, got "${raw}"`);
    return raw;
  };
  return {
    issuer: issuer.replace(/\/$/, ''),
    clientId,
    clientSecret,
    scopes: scopes.join(' '),
    emailClaim: claim('OIDC_EMAIL_CLAIM', 'email'),
    emailVerifiedClaim: claim('OIDC_EMAIL_VERIFIED_CLAIM', 'email_verified'),
    displayName: env['OIDC_DISPLAY_NAME']?.trim() || 'ProConnect',
    allowInsecure,
  };
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const nodeEnv = readEnum<NodeEnv>(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const dataDirRaw = env['DATA_DIR'];
  if (dataDirRaw !== undefined && dataDirRaw.trim() === '' && env['DATA_DIR'] !== undefined) {
    // An explicitly empty DATA_DIR is a mistake, not a request for the default.
    throw new ConfigError('DATA_DIR', 'must not be empty');
  }
  const webDirRaw = env['WEB_DIR'];
  return {
    nodeEnv,
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    // 511 (Node's default) refused connections with resets at ~2,000 sessions arriving at once.
    httpBacklog: readInteger(env, 'HTTP_BACKLOG', 4096, 1, 65535),
    databaseUrl: readDatabaseUrl(env),
    dataDir: path.resolve(cwd, dataDirRaw ?? '.data'),
    logLevel: readEnum(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    logPretty: readBoolean(env, 'LOG_PRETTY', nodeEnv === 'development'),
    webDir: webDirRaw === 'none' ? null : path.resolve(cwd, webDirRaw ?? 'dist/apps/web'),
    uploadLimitMb: readInteger(env, 'UPLOAD_LIMIT_MB', 100, 1, 2048),
    jobsWorker: readBoolean(env, 'JOBS_WORKER', true),
    distributionsDelaySeconds: readInteger(env, 'DISTRIBUTIONS_DELAY_SECONDS', 60, 0, 3600),
    restitutionCacheMb: readInteger(env, 'RESTITUTION_CACHE_MB', 64, 0, 4096),
    exportConcurrency: readInteger(env, 'EXPORT_CONCURRENCY', 2, 1, 64),
    exportWaiting: readInteger(env, 'EXPORT_WAITING', 8, 0, 1000),
    trustProxy: env['TRUST_PROXY']?.trim() ? env['TRUST_PROXY'].trim() : false,
    metricsToken: readMetricsToken(env),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 3600) * 1000,
    auth: {
      jwtSecret: readJwtSecret(env, nodeEnv),
      accessTokenTtlSeconds: readInteger(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
      refreshTokenDays: readInteger(env, 'REFRESH_TOKEN_DAYS', 14, 1, 90),
      cookieSecure: readBoolean(env, 'COOKIE_SECURE', true),
      throttlePerMinute: readInteger(env, 'AUTH_THROTTLE_PER_MINUTE', 30, 1, 100000),
      invitationDays: readInteger(env, 'INVITATION_DAYS', 14, 1, 90),
    },
    mail: {
      smtpUrl: readSmtpUrl(env),
      from: env['MAIL_FROM'] || 'TDB <ne-pas-repondre@tdb.localhost>',
      publicUrl: (
        env['PUBLIC_URL'] || `http://localhost:${readInteger(env, 'PORT', 3000, 0, 65535)}`
      ).replace(/\/$/, ''),
    },
    oidc: readOidc(env, nodeEnv),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
