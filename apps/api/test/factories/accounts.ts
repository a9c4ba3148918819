import { hash } from '@node-rs/argon2';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { GrantInput } from '@tdb/contracts';

export const TEST_PASSWORD = 'Cheval-Agrafe-Batterie-7';
let passwordHash: Promise<string> | null = null;
let counter = 0;

/** Persists an active account with the given grants (password TEST_PASSWORD) and returns it. */
export async function persistAccount(
  dataSource: DataSource,
  grants: GrantInput[],
  overrides: {
    email?: string;
    firstName?: string;
    lastName?: string;
    status?: 'ACTIVE' | 'INVITED' | 'DISABLED';
  } = {},
): Promise<{ id: string; email: string }> {
  passwordHash ??= hash(TEST_PASSWORD);
  counter++;
  const email = overrides.email ?? `user${counter}.${Date.now()}@test.tdb`;
  const [{ id }] = await dataSource.query(
    `INSERT INTO accounts (email, first_name, last_name, password_hash, status) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      email,
      overrides.firstName ?? 'Camille',
      overrides.lastName ?? `Test${counter}`,
      overrides.status === 'INVITED' ? null : await passwordHash,
      overrides.status ?? 'ACTIVE',
    ],
  );
  for (const grant of grants) {
    await dataSource.query(
      `INSERT INTO grants (account_id, organisation_kind, organisation_code, role, rights, entry_domains, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        grant.organisation.kind,
        grant.organisation.code,
        grant.role,
        grant.rights ?? [],
        grant.entryDomains ?? null,
        grant.validFrom ?? null,
        grant.validUntil ?? null,
      ],
    );
  }
  return { id, email };
}

/** Logs in through the API and returns the bearer header value. */
export async function loginAs(
  http: Parameters<typeof request>[0],
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await request(http).post('/api/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}

export const NATIONAL: GrantInput = {
  organisation: { kind: 'NATIONAL', code: 'FR' },
  role: 'NATIONAL_ADMIN',
};
