import type { GrantInput } from '@tdb/contracts';
import { validateGrantShape } from './index';

const ESMS = { kind: 'ESMS', code: '450000019' } as const;

describe('validateGrantShape', () => {
  it.each<[string, GrantInput]>([
    ['a national administrator', { organisation: { kind: 'NATIONAL', code: 'FR' }, role: 'NATIONAL_ADMIN' }],
    ['an APR of ARS 24', { organisation: { kind: 'ARS', code: '24' }, role: 'APR', rights: [] }],
    ['a reader of CD 2A', { organisation: { kind: 'CD', code: '2A' }, role: 'READER' }],
    ['a controller of CD 974', { organisation: { kind: 'CD', code: '974' }, role: 'CONTROLLER' }],
    ['an APE of an OG', { organisation: { kind: 'OG', code: '450000001' }, role: 'APE' }],
    [
      'a user with every right',
      { organisation: ESMS, role: 'USER', rights: ['ENTRY', 'VALIDATION', 'READ'] },
    ],
    [
      'a user entering HR only, for 2024',
      {
        organisation: ESMS,
        role: 'USER',
        rights: ['ENTRY'],
        entryDomains: ['RESSOURCES_HUMAINES'],
        validFrom: '2024-01-01',
        validUntil: '2024-12-31',
      },
    ],
    [
      'a one-day grant',
      {
        organisation: ESMS,
        role: 'USER',
        rights: ['READ'],
        validFrom: '2024-02-29',
        validUntil: '2024-02-29',
      },
    ],
  ])('accepts %s', (_label, grant) => {
    expect(validateGrantShape(grant)).toEqual({ allowed: true });
  });

  it.each<[GrantInput, string]>([
    [
      { organisation: { kind: 'ARS', code: '24' }, role: 'APE' },
      "Le rôle « Administrateur principal d'établissement (APE) » ne peut être attribué qu'au sein d'un organisme gestionnaire ou d'une structure (ESMS).",
    ],
    [
      { organisation: ESMS, role: 'APR' },
      "Le rôle « Administrateur principal (APR) » ne peut être attribué qu'au sein d'une ARS ou d'un Département.",
    ],
    [
      { organisation: { kind: 'CD', code: '45' }, role: 'NATIONAL_ADMIN' },
      "Le rôle « Administrateur national » ne peut être attribué qu'au niveau national.",
    ],
    [
      { organisation: { kind: 'NATIONAL', code: 'FRA' }, role: 'NATIONAL_ADMIN' },
      "Le code de l'organisation nationale est « FR », pas « FRA ».",
    ],
    [{ organisation: { kind: 'ARS', code: '99' }, role: 'READER' }, 'Région inconnue : « 99 ».'],
    [{ organisation: { kind: 'CD', code: '20' }, role: 'READER' }, 'Département inconnu : « 20 ».'],
    [
      { organisation: { kind: 'ESMS', code: '45000001' }, role: 'APE' },
      'Numéro FINESS invalide : « 45000001 » (9 caractères attendus).',
    ],
    [
      { organisation: { kind: 'REGION' as never, code: '24' }, role: 'APR' },
      "Type d'organisation inconnu : « REGION ».",
    ],
    [{ organisation: ESMS, role: 'ADMIN' as never }, 'Rôle inconnu : « ADMIN ».'],
    [
      { organisation: ESMS, role: 'USER' },
      'Un utilisateur doit recevoir au moins un droit (saisie, validation ou lecture).',
    ],
    [
      { organisation: ESMS, role: 'USER', rights: [] },
      'Un utilisateur doit recevoir au moins un droit (saisie, validation ou lecture).',
    ],
    [{ organisation: ESMS, role: 'USER', rights: ['ADMIN' as never] }, 'Droit inconnu : « ADMIN ».'],
    [
      { organisation: ESMS, role: 'USER', rights: ['READ', 'READ'] },
      'Le droit de lecture est demandé deux fois.',
    ],
    [
      { organisation: ESMS, role: 'APE', rights: ['READ'] },
      "Les droits (saisie, validation, lecture) ne s'attribuent qu'à un utilisateur, pas au rôle « Administrateur principal d'établissement (APE) ».",
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['READ'], entryDomains: ['FINANCES'] },
      "Des domaines de saisie ne peuvent être précisés qu'avec le droit de saisie.",
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['ENTRY'], entryDomains: [] },
      'Choisissez au moins un domaine de saisie, ou aucun pour les autoriser tous.',
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['ENTRY'], entryDomains: ['RH' as never] },
      'Domaine de saisie inconnu : « RH ».',
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['ENTRY'], entryDomains: ['FINANCES', 'FINANCES'] },
      'Le domaine « finances » est indiqué deux fois.',
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['READ'], validFrom: '2023-02-29' },
      'Date de début invalide : « 2023-02-29 » (format AAAA-MM-JJ attendu).',
    ],
    [
      { organisation: ESMS, role: 'USER', rights: ['READ'], validUntil: '31/12/2024' },
      'Date de fin invalide : « 31/12/2024 » (format AAAA-MM-JJ attendu).',
    ],
    [
      {
        organisation: ESMS,
        role: 'USER',
        rights: ['READ'],
        validFrom: '2024-06-01',
        validUntil: '2024-05-31',
      },
      'La date de fin (31/05/2024) précède la date de début (01/06/2024).',
    ],
  ])('refuses %j', (grant, reason) => {
    expect(validateGrantShape(grant)).toEqual({ allowed: false, code: 'INVALID_REQUEST', reason });
  });
});
