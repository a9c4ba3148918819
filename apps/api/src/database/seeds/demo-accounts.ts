import { hash } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import type { GrantInput } from '@tdb/contracts';
import { findDepartment, findRegion } from '@tdb/reference';

export const DEMO_PASSWORD = 'Demo-TDB-paysage-2026';

export interface DemoAccount {
  email: string;
  /** What the account is, printed by npm start. */
  label: string;
  /** Its last name in the platform (the first name is "Démo"). */
  name: string;
  grant: GrantInput;
}

/**
 * One demo account per role in the demo region: national administrator, APR and controller of the
 * ARS and of a Département, APE of an OG, APE and users of an EHPAD, APE of a foyer de vie (EANM).
 * Idempotent: existing emails are left as they are. An organisation has one principal
 * administrator (APR, APE): a demo APR/APE whose organisation already has one (someone designated
 * it on this database) is not created, and is left out of the list returned.
 */
/** The demo structure whose submission is seeded as validated, for the authorities' checks. */
export const DEMO_VALIDATED_APE = 'ape.ime@tdb.localhost';

export async function seedDemoAccounts(dataSource: DataSource, regionCode: string): Promise<DemoAccount[]> {
  const region = findRegion(regionCode);
  const pick = async (sql: string, params: unknown[]): Promise<Record<string, string> | undefined> =>
    (await dataSource.query(sql, params))[0];
  // A department of the region with a CD-exclusive structure (foyer de vie / EANM or SAVS).
  const cdOnly = await pick(
    `SELECT finess, name, department_code FROM structures WHERE region_code = $1 AND competence = 'CD' ORDER BY category_code = 'EANM' DESC, finess LIMIT 1`,
    [regionCode],
  );
  // The demo EHPAD (shared competence) is in the demo Département, so that its controller checks it.
  const ehpad = await pick(
    `SELECT s.finess, s.name, s.og_finess FROM structures s WHERE s.region_code = $1 AND s.category_code = 'EHPAD'
      ORDER BY s.department_code = $2 DESC, finess LIMIT 1`,
    [regionCode, cdOnly?.['department_code'] ?? ''],
  );
  // A structure of the ARS alone whose submission the demo seeds as validated (ADR 0011): the ARS
  // controller can send it back at once, and its APE reads why.
  const arsOnly = await pick(
    `SELECT finess, name FROM structures WHERE region_code = $1 AND competence = 'ARS'
      ORDER BY department_code = $2 DESC, category_code = 'IME' DESC, finess LIMIT 1`,
    [regionCode, cdOnly?.['department_code'] ?? ''],
  );
  const og = await pick(
    `SELECT og_finess AS finess, count(*) AS n FROM structures WHERE region_code = $1 GROUP BY og_finess HAVING count(*) >= 3 ORDER BY count(*) DESC, og_finess LIMIT 1`,
    [regionCode],
  );
  const departmentCode =
    cdOnly?.['department_code'] ??
    (await pick(`SELECT department_code FROM structures WHERE region_code = $1 LIMIT 1`, [regionCode]))?.[
      'department_code'
    ];
  const department = departmentCode ? findDepartment(departmentCode) : undefined;

  const accounts: DemoAccount[] = [
    {
      email: 'admin@tdb.localhost',
      name: 'National',
      label: 'Administrateur national',
      grant: { organisation: { kind: 'NATIONAL', code: 'FR' }, role: 'NATIONAL_ADMIN' },
    },
    {
      email: 'apr.ars@tdb.localhost',
      name: 'APR ARS',
      label: `APR de l’ARS ${region?.name ?? regionCode}`,
      grant: { organisation: { kind: 'ARS', code: regionCode }, role: 'APR' },
    },
    {
      email: 'controleur.ars@tdb.localhost',
      name: 'Contrôleur ARS',
      label: `Contrôleur de l’ARS ${region?.name ?? regionCode}`,
      grant: { organisation: { kind: 'ARS', code: regionCode }, role: 'CONTROLLER' },
    },
  ];
  if (department) {
    accounts.push(
      {
        email: 'apr.cd@tdb.localhost',
        name: 'APR Département',
        label: `APR du Département ${department.name} (${department.code})`,
        grant: { organisation: { kind: 'CD', code: department.code }, role: 'APR' },
      },
      {
        email: 'controleur.cd@tdb.localhost',
        name: 'Contrôleur Département',
        label: `Contrôleur du Département ${department.name}`,
        grant: { organisation: { kind: 'CD', code: department.code }, role: 'CONTROLLER' },
      },
    );
  }
  if (og)
    accounts.push({
      email: 'ape.og@tdb.localhost',
      name: 'APE Organisme',
      label: `APE de l’organisme gestionnaire ${og['finess']} (${og['n']} ESMS)`,
      grant: { organisation: { kind: 'OG', code: og['finess']! }, role: 'APE' },
    });
  if (ehpad) {
    accounts.push(
      {
        email: 'ape.ehpad@tdb.localhost',
        name: 'APE EHPAD',
        label: `APE de ${ehpad['name']} (${ehpad['finess']})`,
        grant: { organisation: { kind: 'ESMS', code: ehpad['finess']! }, role: 'APE' },
      },
      {
        email: 'saisie.rh@tdb.localhost',
        name: 'Saisie RH',
        label: `Utilisateur (saisie RH) de ${ehpad['name']}`,
        grant: {
          organisation: { kind: 'ESMS', code: ehpad['finess']! },
          role: 'USER',
          rights: ['ENTRY', 'READ'],
          entryDomains: ['RESSOURCES_HUMAINES'],
        },
      },
      {
        email: 'lecture.ehpad@tdb.localhost',
        name: 'Lecture EHPAD',
        label: `Utilisateur (consultation) de ${ehpad['name']}`,
        grant: { organisation: { kind: 'ESMS', code: ehpad['finess']! }, role: 'USER', rights: ['READ'] },
      },
    );
  }
  if (arsOnly)
    accounts.push({
      email: DEMO_VALIDATED_APE,
      name: 'APE IME',
      label: `APE de ${arsOnly['name']} (${arsOnly['finess']}, compétence de l’ARS, saisie 2026 validée)`,
      grant: { organisation: { kind: 'ESMS', code: arsOnly['finess']! }, role: 'APE' },
    });
  if (cdOnly)
    accounts.push({
      email: 'ape.foyer@tdb.localhost',
      name: 'APE Foyer',
      label: `APE de ${cdOnly['name']} (${cdOnly['finess']}, compétence du Département)`,
      grant: { organisation: { kind: 'ESMS', code: cdOnly['finess']! }, role: 'APE' },
    });

  const passwordHash = await hash(DEMO_PASSWORD);
  const seeded: DemoAccount[] = [];
  for (const account of accounts) {
    const existing = await dataSource.query(`SELECT id FROM accounts WHERE lower(email) = lower($1)`, [
      account.email,
    ]);
    if (existing.length > 0) {
      seeded.push(account);
      continue;
    }
    const g = account.grant;
    if (g.role === 'APR' || g.role === 'APE') {
      const holder = await dataSource.query(
        `SELECT 1 FROM grants g JOIN accounts a ON a.id = g.account_id AND a.status <> 'DISABLED'
          WHERE g.organisation_kind = $1 AND g.organisation_code = $2 AND g.role = $3 LIMIT 1`,
        [g.organisation.kind, g.organisation.code, g.role],
      );
      if (holder.length > 0) continue;
    }
    const [{ id }] = await dataSource.query(
      `INSERT INTO accounts (email, first_name, last_name, password_hash, status, password_changed_at) VALUES ($1, $2, $3, $4, 'ACTIVE', now()) RETURNING id`,
      [account.email, 'Démo', account.name, passwordHash],
    );
    await dataSource.query(
      `INSERT INTO grants (account_id, organisation_kind, organisation_code, role, rights, entry_domains) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, g.organisation.kind, g.organisation.code, g.role, g.rights ?? [], g.entryDomains ?? null],
    );
    seeded.push(account);
  }
  return seeded;
}
