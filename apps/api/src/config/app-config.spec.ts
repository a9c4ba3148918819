import path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/tdb');
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: path.resolve('/srv/tdb/.data'),
      nodeEnv: 'development',
      logPretty: true,
      exportConcurrency: 2,
      exportWaiting: 8,
      metricsToken: null,
      shutdownTimeoutMs: 25_000,
      distributionsDelaySeconds: 60,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u@h:5432' }, 'DATABASE_URL'],
    [{ DATA_DIR: '' }, 'DATA_DIR'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV'],
    [{ LOG_PRETTY: 'maybe' }, 'LOG_PRETTY'],
    [{ EXPORT_CONCURRENCY: '0' }, 'EXPORT_CONCURRENCY'],
    [{ EXPORT_WAITING: 'beaucoup' }, 'EXPORT_WAITING'],
    [{ METRICS_TOKEN: 'court' }, 'METRICS_TOKEN'],
    [{ METRICS_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` }, 'METRICS_TOKEN'],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '0' }, 'SHUTDOWN_TIMEOUT_SECONDS'],
    [{ DISTRIBUTIONS_DELAY_SECONDS: '-1' }, 'DISTRIBUTIONS_DELAY_SECONDS'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toContain(variable);
    }
  });

  it('reads the metrics token', () => {
    const token = 'f'.repeat(64);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it('accepts a server URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tdb' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/tdb',
    );
  });

  it('leaves the identity provider off without OIDC_ISSUER, and reads it with its client', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(
      loadConfig({
        OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2/',
        OIDC_CLIENT_ID: 'tdb',
        OIDC_CLIENT_SECRET: 'un-secret-assez-long',
        OIDC_SCOPES: 'openid email given_name usual_name',
        OIDC_EMAIL_VERIFIED_CLAIM: 'none',
      }).oidc,
    ).toEqual({
      issuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      clientId: 'tdb',
      clientSecret: 'un-secret-assez-long',
      scopes: 'openid email given_name usual_name',
      emailClaim: 'email',
      emailVerifiedClaim: 'none',
      displayName: 'ProConnect',
      allowInsecure: false,
    });
  });

  it.each([
    [
      { OIDC_ISSUER: 'http://fournisseur.exemple', OIDC_CLIENT_ID: 'tdb', OIDC_CLIENT_SECRET: 'secret-long' },
      'OIDC_ISSUER',
    ],
    [
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8',
        OIDC_ISSUER: 'http://fournisseur.exemple',
        OIDC_ALLOW_INSECURE: 'true',
        OIDC_CLIENT_ID: 'tdb',
        OIDC_CLIENT_SECRET: 'secret-long',
      },
      'OIDC_ISSUER',
    ],
    [{ OIDC_ISSUER: 'https://fournisseur.exemple', OIDC_CLIENT_SECRET: 'secret-long' }, 'OIDC_CLIENT_ID'],
    [{ OIDC_ISSUER: 'https://fournisseur.exemple', OIDC_CLIENT_ID: 'tdb' }, 'OIDC_CLIENT_SECRET'],
    [
      {
        OIDC_ISSUER: 'https://fournisseur.exemple',
        OIDC_CLIENT_ID: 'tdb',
        OIDC_CLIENT_SECRET: 'secret-long',
        OIDC_SCOPES: 'email',
      },
      'OIDC_SCOPES',
    ],
  ])('refuses an incomplete or insecure identity provider (%o → %s)', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
