/** The key scenarios of the issue, spelled out with the exact reasons shown to the user. */
import type { FormDomain, PrincipalTransfer } from '@tdb/contracts';
import type { Actor } from './index';
import type { AccessRequest } from './index';
import {
  canManageGrant,
  decide,
  grantAfterTransfer,
  missingRights,
  scopeOf,
  transferOutcomeText,
  workflowRoleOf,
} from './index';
import {
  ACTORS,
  EANM_45,
  EHPAD_11,
  EHPAD_37,
  EHPAD_45,
  IME_45,
  NATIONAL_GRANT,
  OG_45,
  OG_EANM,
  ORG_EANM,
  SAVS_45,
  TODAY,
  createRequest,
  entryOnly,
  grant,
  onAuthority,
  onOrganisation,
  onStructure,
  revokeRequest,
} from './test-fixtures';

function refusal(actor: Actor, request: AccessRequest, today = TODAY) {
  const decision = decide(actor, request, today);
  if (decision.allowed) throw new Error('expected a refusal');
  return decision;
}

describe('exclusive competence: the foyer de vie (EANM, CD only) of department 45', () => {
  const createApe = createRequest(onStructure('APE', EANM_45));

  it("refuses the ARS 24 APR, naming the Département's exclusive competence", () => {
    expect(refusal(ACTORS['ARS24 APR'], createApe)).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Une ARS ne peut pas administrer une structure de compétence exclusive du Département (EANM).',
    });
  });

  it('allows the CD 45 APR', () => {
    expect(decide(ACTORS['CD45 APR'], createApe, TODAY)).toEqual({ allowed: true });
  });

  it('refuses the CD 37 APR (another department of the same region)', () => {
    expect(refusal(ACTORS['CD37 APR'], createApe).reason).toBe(
      "La structure 450000118 n'est pas dans le territoire du Département 37 (Indre-et-Loire).",
    );
  });

  it('refuses the ARS for a SAVS too, and modifying (revoking) its APE as well as creating it', () => {
    expect(refusal(ACTORS['ARS24 APR'], createRequest(onStructure('APE', SAVS_45))).reason).toBe(
      'Une ARS ne peut pas administrer une structure de compétence exclusive du Département (SAVS).',
    );
    expect(refusal(ACTORS['ARS24 APR'], revokeRequest(onStructure('APE', EANM_45))).reason).toBe(
      'Une ARS ne peut pas administrer une structure de compétence exclusive du Département (EANM).',
    );
  });

  it("refuses the CD for an ARS-only structure (IME), naming the ARS's exclusive competence", () => {
    expect(refusal(ACTORS['CD45 APR'], createRequest(onStructure('APE', IME_45))).reason).toBe(
      "Un Département ne peut pas administrer une structure de compétence exclusive de l'ARS (IME).",
    );
  });

  it('refuses the ARS the APE of an OG whose only structures in its territory are CD-only', () => {
    expect(refusal(ACTORS['ARS24 APR'], createRequest(onOrganisation('APE', ORG_EANM))).reason).toBe(
      "Une ARS ne peut pas administrer l'organisme gestionnaire 450000100 : ses structures de votre territoire sont toutes de compétence exclusive du Département.",
    );
  });

  it('lets an ARS read a shared EHPAD but not the SAVS next door', () => {
    expect(
      decide(ACTORS['ARS24 READER'], { type: 'structure.read', structure: EHPAD_45 }, TODAY).allowed,
    ).toBe(true);
    expect(refusal(ACTORS['ARS24 READER'], { type: 'structure.read', structure: SAVS_45 }).reason).toBe(
      'Une ARS ne peut pas consulter une structure de compétence exclusive du Département (SAVS).',
    );
  });
});

describe('OG APE and the APE of its ESMS', () => {
  it('allows the OG APE to create the APE of one of its ESMS (even a CD-only SAVS)', () => {
    expect(decide(ACTORS['OG45 APE'], createRequest(onStructure('APE', SAVS_45)), TODAY).allowed).toBe(true);
  });

  it("refuses the OG APE the APE of another OG's ESMS", () => {
    expect(refusal(ACTORS['OG45 APE'], createRequest(onStructure('APE', EANM_45))).reason).toBe(
      "La structure 450000118 n'est pas gérée par votre organisme gestionnaire (450000001).",
    );
  });

  it('refuses the OG APE a second APE of the OG itself (the authority designates it)', () => {
    expect(
      refusal(
        ACTORS['OG45 APE'],
        createRequest(onOrganisation('APE', { finess: OG_45, structures: [EHPAD_45] })),
      ).reason,
    ).toBe(
      "L'administrateur principal (APE) d'un organisme gestionnaire est désigné par l'ARS ou le Département compétent.",
    );
  });

  it('refuses an ESMS APE another APE of its own structure', () => {
    expect(refusal(ACTORS['ESMS APE'], createRequest(onStructure('APE', EHPAD_45))).reason).toBe(
      "L'administrateur principal (APE) d'une structure est désigné par son organisme gestionnaire, ou à défaut par l'ARS ou le Département compétent.",
    );
  });

  it('refuses an APE any authority profile', () => {
    expect(refusal(ACTORS['OG45 APE'], createRequest(onAuthority('READER', 'CD', '45'))).reason).toBe(
      "Un administrateur d'établissement (APE) ne peut pas créer de profil national, d'ARS ou de Département.",
    );
  });
});

describe('APR delegation', () => {
  it('creates controllers and readers of its own organisation only', () => {
    expect(
      decide(ACTORS['CD45 APR'], createRequest(onAuthority('CONTROLLER', 'CD', '45')), TODAY).allowed,
    ).toBe(true);
    expect(refusal(ACTORS['ARS24 APR'], createRequest(onAuthority('READER', 'CD', '45'))).reason).toBe(
      'Vous ne pouvez créer des contrôleurs et des lecteurs que pour votre propre organisation : ARS Centre-Val de Loire.',
    );
  });

  it('never creates an APR, not even of its own organisation', () => {
    expect(refusal(ACTORS['CD45 APR'], createRequest(onAuthority('APR', 'CD', '45'))).reason).toBe(
      "Seul l'administrateur national peut désigner l'administrateur principal (APR) d'une ARS ou d'un Département.",
    );
  });

  it('creates users of a structure only when it has no APE (fallback), targetHasApe defaulting to true', () => {
    const withApe = createRequest(onStructure('USER', EHPAD_45));
    expect(refusal(ACTORS['CD45 APR'], withApe).reason).toBe(
      "La structure 450000019 a déjà un administrateur principal (APE) : c'est à lui de gérer ses utilisateurs.",
    );
    const withoutApe = createRequest(onStructure('USER', EHPAD_45, { targetHasApe: false }));
    expect(decide(ACTORS['CD45 APR'], withoutApe, TODAY).allowed).toBe(true);
  });

  it('readers and controllers create nothing', () => {
    expect(refusal(ACTORS['CD45 CONTROLLER'], createRequest(onStructure('APE', EANM_45))).reason).toBe(
      'Votre profil « Contrôleur – Département 45 (Loiret) » ne permet pas de gérer des habilitations.',
    );
  });
});

describe('nobody grants a right they do not hold', () => {
  const readerUser: Actor = {
    accountId: 'u',
    grants: [grant('USER', 'ESMS', EHPAD_45.finess, { rights: ['READ'] })],
  };

  it('refuses a user granting validation it does not hold, naming the right', () => {
    const request = createRequest(onStructure('USER', EHPAD_45, { rights: ['READ', 'VALIDATION'] }));
    expect(refusal(readerUser, request).reason).toBe(
      'Vous ne pouvez pas accorder un droit que vous ne détenez pas (validation).',
    );
  });

  it('refuses entry on a domain outside the granter’s own entry domains', () => {
    const financeClerk: Actor = {
      accountId: 'f',
      grants: [grant('USER', 'ESMS', EHPAD_45.finess, entryOnly(['FINANCES']))],
    };
    const hr = createRequest(
      onStructure('USER', EHPAD_45, { rights: ['ENTRY'], entryDomains: ['RESSOURCES_HUMAINES'] }),
    );
    expect(refusal(financeClerk, hr).reason).toBe(
      'Vous ne pouvez pas accorder un droit que vous ne détenez pas (saisie – ressources humaines).',
    );
    const everything = createRequest(onStructure('USER', EHPAD_45, { rights: ['ENTRY'] }));
    expect(refusal(financeClerk, everything).reason).toBe(
      'Vous ne pouvez pas accorder un droit que vous ne détenez pas (saisie de tous les domaines).',
    );
  });

  it('still refuses a user who holds the rights: users do not manage accounts', () => {
    const request = createRequest(onStructure('USER', EHPAD_45, { rights: ['READ'] }));
    expect(refusal(readerUser, request).reason).toBe(
      'Votre profil « Utilisateur – structure 450000019 » ne permet pas de gérer des habilitations.',
    );
  });

  it('checks rights and entry domains generically (missingRights)', () => {
    const all = { rights: ['ENTRY', 'VALIDATION', 'READ'] as const, entryDomains: null };
    expect(
      missingRights(all, { rights: ['ENTRY', 'VALIDATION', 'READ'], entryDomains: ['FINANCES'] }),
    ).toBeNull();
    expect(missingRights({ rights: ['READ'], entryDomains: null }, { rights: ['ENTRY', 'VALIDATION'] })).toBe(
      'saisie, validation',
    );
    expect(
      missingRights(
        { rights: ['ENTRY'], entryDomains: ['FINANCES', 'PRESTATIONS'] },
        {
          rights: ['ENTRY'],
          entryDomains: ['PRESTATIONS', 'FINANCES'],
        },
      ),
    ).toBeNull();
    expect(
      missingRights(
        { rights: ['ENTRY'], entryDomains: ['FINANCES'] },
        {
          rights: ['ENTRY'],
          entryDomains: ['FINANCES', 'SYSTEME_INFORMATION'],
        },
      ),
    ).toBe("saisie – système d'information");
  });
});

describe('every structure keeps at least one APE', () => {
  const lastApe = revokeRequest(onStructure('APE', EANM_45, { remainingApeCount: 0 }));

  it('refuses the removal of the last APE, even to the national administrator', () => {
    for (const actor of [ACTORS['CD45 APR'], ACTORS.NATIONAL]) {
      expect(decide(actor, lastApe, TODAY)).toEqual({
        allowed: false,
        code: 'LAST_APE',
        reason:
          "Chaque structure doit garder au moins un administrateur principal (APE) : pour le remplacer, désignez la nouvelle personne comme APE en choisissant ce que devient l'actuel (transfert).",
      });
    }
  });

  it('says first that the actor does not manage that APE when it does not', () => {
    expect(refusal(ACTORS['ARS24 APR'], lastApe).code).toBe('FORBIDDEN');
  });

  it('allows the removal when another APE remains, or when the count is not given', () => {
    const oneLeft = revokeRequest(onStructure('APE', EANM_45, { remainingApeCount: 1 }));
    expect(decide(ACTORS['CD45 APR'], oneLeft, TODAY).allowed).toBe(true);
    expect(decide(ACTORS['CD45 APR'], revokeRequest(onStructure('APE', EANM_45)), TODAY).allowed).toBe(true);
  });

  it('applies to disabling the account of the last APE as well', () => {
    const request: AccessRequest = {
      type: 'account.update',
      targetAccountId: 'ape-eanm',
      targetGrants: [onStructure('APE', EANM_45, { remainingApeCount: 0 })],
      changes: ['disable'],
    };
    expect(refusal(ACTORS['CD45 APR'], request)).toEqual({
      allowed: false,
      code: 'LAST_APE',
      reason:
        'Chaque structure doit garder au moins un administrateur principal (APE) : désignez-en un autre pour la structure 450000118 (transfert) avant de désactiver ce compte.',
    });
    // Renaming that account is fine.
    expect(decide(ACTORS['CD45 APR'], { ...request, changes: ['names'] }, TODAY).allowed).toBe(true);
  });
});

describe('one principal administrator per organisation: a second one is a transfer', () => {
  const withHolders = (
    request: AccessRequest,
    principalHolders: (string | null)[],
    transfer?: PrincipalTransfer,
  ): AccessRequest => ({ ...request, principalHolders, ...(transfer ? { transfer } : {}) }) as AccessRequest;
  const secondApr = createRequest(onAuthority('APR', 'CD', '45'));
  const secondApe = createRequest(onStructure('APE', EANM_45));

  it('refuses a second APR of the Département without a transfer, naming the current one', () => {
    expect(refusal(ACTORS.NATIONAL, withHolders(secondApr, ['Claire Martin']))).toEqual({
      allowed: false,
      code: 'PRINCIPAL_HELD',
      reason:
        "Le Département 45 (Loiret) a déjà son administrateur principal (APR) : Claire Martin. Il n'y en a qu'un par organisation : pour désigner cette personne, choisissez ce que devient l'actuel (contrôleur, lecteur, ou retrait de son habilitation). C'est un transfert ; l'actuel en est informé par courriel.",
    });
  });

  it('never names a holder the actor does not manage', () => {
    const reason = refusal(ACTORS['CD45 APR'], withHolders(secondApe, [null, 'Paul Durand'])).reason;
    expect(reason).toContain(': Paul Durand et un compte que vous ne gérez pas.');
    expect(refusal(ACTORS['CD45 APR'], withHolders(secondApe, [null])).reason).toContain(
      'a déjà son administrateur principal (APE) : un compte que vous ne gérez pas.',
    );
  });

  it('refuses first, without any name, an actor who may not designate that principal', () => {
    for (const actor of [ACTORS['ARS24 APR'], ACTORS['CD45 CONTROLLER'], ACTORS['ESMS APE']]) {
      const decision = refusal(actor, withHolders(secondApe, ['Claire Martin']));
      expect(decision.code).toBe('FORBIDDEN');
      expect(decision.reason).not.toContain('Claire');
    }
    expect(refusal(ACTORS['CD45 APR'], withHolders(secondApr, ['Claire Martin'])).code).toBe('FORBIDDEN');
  });

  it('allows the transfer with an option that fits the organisation', () => {
    for (const previous of ['CONTROLLER', 'READER', 'REVOKE'] as const)
      expect(decide(ACTORS.NATIONAL, withHolders(secondApr, ['A'], { previous }), TODAY)).toEqual({
        allowed: true,
      });
    for (const previous of ['USER', 'REVOKE'] as const)
      expect(decide(ACTORS['CD45 APR'], withHolders(secondApe, ['A'], { previous }), TODAY)).toEqual({
        allowed: true,
      });
    expect(
      decide(
        ACTORS['CD45 APR'],
        withHolders(secondApe, ['A'], { previous: 'USER', rights: ['READ'] }),
        TODAY,
      ),
    ).toEqual({ allowed: true });
  });

  it('refuses an option that does not fit (400), and a transfer on a grant that is not principal', () => {
    expect(refusal(ACTORS['CD45 APR'], withHolders(secondApe, ['A'], { previous: 'CONTROLLER' }))).toEqual({
      allowed: false,
      code: 'INVALID_REQUEST',
      reason:
        'Pour la structure 450000118, l’administrateur principal actuel peut devenir : « USER » (utilisateur de la structure), « REVOKE » (retrait de son habilitation).',
    });
    expect(refusal(ACTORS.NATIONAL, withHolders(secondApr, ['A'], { previous: 'USER' })).code).toBe(
      'INVALID_REQUEST',
    );
    expect(
      refusal(ACTORS.NATIONAL, withHolders(secondApr, ['A'], { previous: 'READER', rights: ['READ'] })).code,
    ).toBe('INVALID_REQUEST');
    const user = createRequest(onStructure('USER', EANM_45, { targetHasApe: false }));
    expect(refusal(ACTORS['CD45 APR'], withHolders(user, [], { previous: 'REVOKE' })).reason).toMatch(
      /ne s'applique qu'à la désignation d'un administrateur principal/,
    );
  });

  it('lets the OG APE designate the APE of its ESMS by transfer, and leaves other roles alone', () => {
    const ehpadApe = createRequest(onStructure('APE', EHPAD_45));
    expect(refusal(ACTORS['OG45 APE'], withHolders(ehpadApe, ['B'])).code).toBe('PRINCIPAL_HELD');
    expect(
      decide(ACTORS['OG45 APE'], withHolders(ehpadApe, ['B'], { previous: 'USER' }), TODAY).allowed,
    ).toBe(true);
    // A controller of the Département next to its APR is no principal: no transfer needed.
    const controller = createRequest(onAuthority('CONTROLLER', 'CD', '45'));
    expect(decide(ACTORS['CD45 APR'], withHolders(controller, ['A']), TODAY).allowed).toBe(true);
  });

  it('says what the previous holder becomes, in French', () => {
    expect(transferOutcomeText({ kind: 'CD', code: '45' }, { previous: 'CONTROLLER' })).toBe(
      'devient contrôleur du Département 45 (Loiret) : il consulte, invalide et confirme les données, sans administrer les comptes',
    );
    expect(transferOutcomeText({ kind: 'ESMS', code: EANM_45.finess }, { previous: 'USER' })).toBe(
      'devient utilisateur de la structure 450000118 (saisie, validation, lecture), sans administrer les comptes',
    );
    expect(grantAfterTransfer({ kind: 'ARS', code: '24' }, { previous: 'READER' })).toEqual({
      organisation: { kind: 'ARS', code: '24' },
      role: 'READER',
    });
    expect(grantAfterTransfer({ kind: 'OG', code: OG_45 }, { previous: 'REVOKE' })).toBeNull();
  });
});

describe('dates of validity', () => {
  const expiredApr: Actor = {
    accountId: 'old-apr',
    grants: [grant('APR', 'CD', '45', { validUntil: '2024-05-31' })],
  };
  const createApe = createRequest(onStructure('APE', EANM_45));

  it('an expired grant gives no right, and the reason says why', () => {
    expect(refusal(expiredApr, createApe)).toEqual({
      allowed: false,
      code: 'INACTIVE_GRANT',
      reason:
        "Votre habilitation « Administrateur principal (APR) – Département 45 (Loiret) » n'est pas active à cette date (valable jusqu'au 31/05/2024).",
    });
  });

  it('bounds are inclusive', () => {
    expect(decide(expiredApr, createApe, '2024-05-31').allowed).toBe(true);
    const future: Actor = { accountId: 'f', grants: [grant('APR', 'CD', '45', { validFrom: '2024-06-01' })] };
    expect(decide(future, createApe, '2024-06-01').allowed).toBe(true);
    expect(refusal(future, createApe, '2024-05-31').reason).toBe(
      "Votre habilitation « Administrateur principal (APR) – Département 45 (Loiret) » n'est pas active à cette date (valable à partir du 01/06/2024).",
    );
  });

  it('an inactive grant that would not have allowed it anyway gives the ordinary reason', () => {
    const actor: Actor = {
      accountId: 'a',
      grants: [grant('APR', 'ARS', '24', { validUntil: '2020-12-31' }), grant('READER', 'CD', '45')],
    };
    expect(refusal(actor, createApe)).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Votre profil « Lecteur – Département 45 (Loiret) » ne permet pas de gérer des habilitations.',
    });
  });

  it('expired grants leave the scope', () => {
    expect(scopeOf(expiredApr, TODAY)).toEqual({ all: false, authorities: [], ogs: [], structures: [] });
    expect(scopeOf(expiredApr, '2024-05-01').authorities).toEqual([{ kind: 'CD', code: '45', role: 'APR' }]);
  });

  it('a malformed "today" is refused, never guessed', () => {
    expect(refusal(ACTORS.NATIONAL, { type: 'finess.import' }, '01/06/2024').code).toBe('INVALID_REQUEST');
  });
});

describe('an account with several grants gets the union of their rights', () => {
  // An ARS 24 reader who is also the APE of the OG that runs the foyer de vie.
  const multi: Actor = {
    accountId: 'multi',
    grants: [grant('READER', 'ARS', '24'), grant('APE', 'OG', OG_EANM)],
  };

  it('reads the ARS-only IME (through the ARS) and the CD-only foyer de vie (through its OG)', () => {
    expect(decide(multi, { type: 'structure.read', structure: IME_45 }, TODAY).allowed).toBe(true);
    expect(decide(multi, { type: 'structure.read', structure: EANM_45 }, TODAY).allowed).toBe(true);
    expect(decide(multi, { type: 'structure.read', structure: SAVS_45 }, TODAY).allowed).toBe(false);
    expect(scopeOf(multi, TODAY)).toEqual({
      all: false,
      authorities: [{ kind: 'ARS', code: '24', role: 'READER' }],
      ogs: [OG_EANM],
      structures: [],
    });
  });

  it('manages the users and APE of the foyer de vie, not of the IME, with the most useful reason', () => {
    expect(decide(multi, createRequest(onStructure('APE', EANM_45)), TODAY).allowed).toBe(true);
    expect(decide(multi, createRequest(onStructure('USER', EANM_45)), TODAY).allowed).toBe(true);
    expect(refusal(multi, createRequest(onStructure('APE', IME_45))).reason).toBe(
      'Votre profil « Lecteur – ARS Centre-Val de Loire » ne permet pas de gérer des habilitations.',
    );
  });
});

describe('accounts', () => {
  const mixed = [onStructure('APE', IME_45), onStructure('APE', SAVS_45)];

  it('an ARS cannot disable an account that also holds a CD-only grant, but may see it', () => {
    const update: AccessRequest = {
      type: 'account.update',
      targetAccountId: 'x',
      targetGrants: mixed,
      changes: ['disable'],
    };
    expect(refusal(ACTORS['ARS24 APR'], update).reason).toBe(
      "Ce compte détient aussi une habilitation que vous ne gérez pas (Administrateur principal d'établissement (APE) – structure 450000027) : vous ne pouvez pas le modifier.",
    );
    expect(
      decide(ACTORS['ARS24 APR'], { type: 'account.read', targetAccountId: 'x', targetGrants: mixed }, TODAY)
        .allowed,
    ).toBe(true);
  });

  it('an account without grants is managed by the national administrator only', () => {
    const update: AccessRequest = {
      type: 'account.update',
      targetAccountId: 'x',
      targetGrants: [],
      changes: ['enable'],
    };
    expect(refusal(ACTORS['CD45 APR'], update).reason).toBe(
      "Ce compte n'a aucune habilitation : seul l'administrateur national peut le modifier.",
    );
    expect(decide(ACTORS.NATIONAL, update, TODAY).allowed).toBe(true);
  });

  it('everyone may change their own names and phone but not disable themselves', () => {
    const self = ACTORS['ESMS USER'];
    const base = { type: 'account.update' as const, targetAccountId: self.accountId, targetGrants: [] };
    expect(decide(self, { ...base, changes: ['names', 'phone'] }, TODAY).allowed).toBe(true);
    expect(refusal(self, { ...base, changes: ['disable'] }).reason).toBe(
      'Vous ne pouvez pas désactiver votre propre compte.',
    );
  });

  it('an account with only expired grants may still see and rename itself', () => {
    const former: Actor = {
      accountId: 'former',
      grants: [grant('USER', 'ESMS', EHPAD_45.finess, { validUntil: '2020-01-01' })],
    };
    expect(
      decide(former, { type: 'account.read', targetAccountId: 'former', targetGrants: [] }, TODAY).allowed,
    ).toBe(true);
  });

  it('rejects empty and unknown changes', () => {
    const base = { type: 'account.update' as const, targetAccountId: 'x', targetGrants: [] };
    expect(refusal(ACTORS.NATIONAL, { ...base, changes: [] }).code).toBe('INVALID_REQUEST');
    expect(refusal(ACTORS.NATIONAL, { ...base, changes: ['email' as never] }).code).toBe('INVALID_REQUEST');
  });
});

describe('category correction', () => {
  const correct = (structure: typeof EHPAD_45, newCategoryCode?: string): AccessRequest => ({
    type: 'structure.correctCategory',
    structure,
    newCategoryCode,
  });

  it('lets the authority competent for the current category reclassify it into any category', () => {
    // EHPAD is shared: both authorities of the territory may correct it, even into a category of
    // the other's exclusive competence (the other is then informed, by the API).
    expect(decide(ACTORS['ARS24 APR'], correct(EHPAD_45, 'EANM'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS['ARS24 CONTROLLER'], correct(EHPAD_45, 'IME'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS['CD45 APR'], correct(EHPAD_45, 'IME'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS['CD45 APR'], correct(SAVS_45, 'SSIAD'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS.NATIONAL, correct(SAVS_45, 'IME'), TODAY).allowed).toBe(true);
  });

  it('lets the authority competent for the new category correct a structure of the other (domain §11b)', () => {
    // « L'ARS constate qu'un ESMS est enregistré dans FINESS comme un SAVS alors qu'en réalité il
    // réalise une activité de SSIAD. L'ARS peut corriger cette information. »
    expect(decide(ACTORS['ARS24 APR'], correct(SAVS_45, 'SSIAD'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS['ARS24 APR'], correct(SAVS_45, 'EHPAD'), TODAY).allowed).toBe(true);
    expect(decide(ACTORS['CD45 APR'], correct(IME_45, 'EANM'), TODAY).allowed).toBe(true);
    // Asked without a new category (may the button show?): yes, toward its own categories.
    expect(decide(ACTORS['ARS24 APR'], correct(SAVS_45), TODAY).allowed).toBe(true);
  });

  it('refuses when neither the old nor the new category is of the authority, saying so', () => {
    expect(refusal(ACTORS['ARS24 APR'], correct(SAVS_45, 'EANM')).reason).toBe(
      "Une ARS corrige la catégorie d'une structure lorsque l'ancienne ou la nouvelle catégorie relève de sa compétence : SAVS et EANM sont de compétence exclusive du Département.",
    );
    expect(refusal(ACTORS['CD45 APR'], correct(IME_45, 'SSIAD')).reason).toBe(
      "Un Département corrige la catégorie d'une structure lorsque l'ancienne ou la nouvelle catégorie relève de sa compétence : IME et SSIAD sont de compétence exclusive de l'ARS.",
    );
  });

  it('stays within the territory and the profiles that check', () => {
    expect(refusal(ACTORS['CD37 APR'], correct(EHPAD_45, 'EANM')).reason).toBe(
      "La structure 450000019 n'est pas dans votre périmètre.",
    );
    expect(refusal(ACTORS['ARS24 READER'], correct(EHPAD_45, 'IME')).code).toBe('FORBIDDEN');
    expect(refusal(ACTORS['ESMS APE'], correct(EHPAD_45, 'IME')).code).toBe('FORBIDDEN');
  });

  it('keeps targeting and organising the checks to the authority competent for the current category', () => {
    expect(refusal(ACTORS['ARS24 APR'], { type: 'campaign.scope', structure: SAVS_45 }).reason).toBe(
      'Une ARS ne peut pas inclure ou exclure de la campagne une structure de compétence exclusive du Département (SAVS).',
    );
    expect(refusal(ACTORS['ARS24 APR'], { type: 'fiabilisation.organise', structure: SAVS_45 }).code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses an unknown category as an invalid request', () => {
    expect(
      refusal(ACTORS.NATIONAL, {
        type: 'structure.correctCategory',
        structure: EHPAD_45,
        newCategoryCode: 'HOPITAL',
      }),
    ).toEqual({ allowed: false, code: 'INVALID_REQUEST', reason: 'Catégorie inconnue : « HOPITAL ».' });
  });
});

describe('facts given with a grant', () => {
  it('refuses facts that describe another structure than the grant', () => {
    const request = createRequest(onStructure('APE', EANM_45, { targetStructure: EHPAD_45 }));
    expect(refusal(ACTORS.NATIONAL, request)).toEqual({
      allowed: false,
      code: 'INVALID_REQUEST',
      reason: "Les informations fournies ne correspondent pas à l'organisation 450000118 de l'habilitation.",
    });
  });

  it('refuses (never guesses) when the facts needed to check the perimeter are missing', () => {
    const request = createRequest(onStructure('APE', EANM_45, { targetStructure: undefined }));
    expect(refusal(ACTORS['CD45 APR'], request).reason).toBe(
      'Informations manquantes sur la structure 450000118 : impossible de vérifier votre périmètre.',
    );
    // The ESMS's own APE needs no facts to manage its users.
    const user = createRequest(onStructure('USER', EHPAD_45, { targetStructure: undefined }));
    expect(decide(ACTORS['ESMS APE'], user, TODAY).allowed).toBe(true);
  });

  it('ignores structures listed in an OG that belong to another OG', () => {
    const forged = { finess: OG_EANM, structures: [EANM_45, { ...IME_45, ogFiness: OG_45 }] };
    expect(
      decide(ACTORS['ARS24 APR'], { type: 'organisation.read', organisation: forged }, TODAY).allowed,
    ).toBe(false);
  });
});

describe('canManageGrant', () => {
  it('answers for one grant, as the users screen needs to show edit buttons', () => {
    expect(canManageGrant(ACTORS['CD45 APR'], onStructure('APE', EANM_45), TODAY).allowed).toBe(true);
    expect(canManageGrant(ACTORS['ARS24 APR'], onStructure('APE', EANM_45), TODAY).allowed).toBe(false);
    expect(
      canManageGrant({ accountId: 'n', grants: [NATIONAL_GRANT] }, onStructure('APE', EHPAD_11), TODAY)
        .allowed,
    ).toBe(true);
  });
});

describe('invalid grants are refused before anything else', () => {
  it('a USER without rights', () => {
    expect(refusal(ACTORS.NATIONAL, createRequest(onStructure('USER', EHPAD_45, { rights: [] })))).toEqual({
      allowed: false,
      code: 'INVALID_REQUEST',
      reason: 'Un utilisateur doit recevoir au moins un droit (saisie, validation ou lecture).',
    });
  });
});

describe('campaigns: entering the values of a submission', () => {
  const edit = (domains: FormDomain[]): AccessRequest => ({
    type: 'submission.edit',
    structure: EHPAD_45,
    domains,
  });

  it('allows the APE of the ESMS and of its OG, and a USER entering every domain', () => {
    for (const name of ['ESMS APE', 'OG45 APE', 'ESMS USER', 'OG45 USER'] as const) {
      expect(decide(ACTORS[name], edit(['FINANCES', 'PRESTATIONS']), TODAY)).toEqual({ allowed: true });
    }
  });

  it('refuses a domain outside the entry domains of the USER, naming it', () => {
    const user: Actor = {
      accountId: 'u',
      grants: [grant('USER', 'ESMS', EHPAD_45.finess, entryOnly(['PRESTATIONS']))],
    };
    expect(decide(user, edit(['PRESTATIONS']), TODAY)).toEqual({ allowed: true });
    expect(refusal(user, edit(['PRESTATIONS', 'FINANCES']))).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Votre habilitation de saisie ne couvre pas le domaine « Finances ».',
    });
  });

  it('refuses a USER without the entry right', () => {
    const reader: Actor = { accountId: 'u', grants: [grant('USER', 'OG', OG_45, { rights: ['READ'] })] };
    expect(refusal(reader, edit(['FINANCES'])).reason).toBe(
      'Votre habilitation « Utilisateur – organisme gestionnaire 450000001 » ne comprend pas le droit de saisie.',
    );
    expect(decide(reader, { type: 'submission.read', structure: EHPAD_45 }, TODAY)).toEqual({
      allowed: true,
    });
  });

  it('refuses authorities and readers: they consult the data but do not enter it', () => {
    for (const name of ['ARS24 APR', 'ARS24 CONTROLLER', 'CD45 READER'] as const) {
      expect(refusal(ACTORS[name], edit(['FINANCES'])).reason).toBe(
        'Les contrôleurs consultent les données mais ne les saisissent pas.',
      );
    }
  });

  it('refuses a structure of another OG, and an unknown domain as an invalid request', () => {
    expect(
      refusal(ACTORS['OG45 APE'], { type: 'submission.edit', structure: EANM_45, domains: ['FINANCES'] })
        .reason,
    ).toBe("La structure 450000118 n'est pas dans votre périmètre.");
    expect(
      refusal(ACTORS['ESMS APE'], {
        type: 'submission.edit',
        structure: EHPAD_45,
        domains: ['RH' as 'FINANCES'],
      }).code,
    ).toBe('INVALID_REQUEST');
  });

  it('reserves campaign management to the national administrator', () => {
    expect(decide(ACTORS.NATIONAL, { type: 'campaign.manage' }, TODAY)).toEqual({ allowed: true });
    expect(refusal(ACTORS['ARS24 APR'], { type: 'campaign.manage' }).reason).toBe(
      "Seul l'administrateur national peut créer, ouvrir ou clôturer une campagne et en modifier les dates.",
    );
  });
});

describe('workflowRoleOf: the role played in the campaign workflow', () => {
  const only = (...grants: ReturnType<typeof grant>[]): Actor => ({ accountId: 'a', grants });

  it('gives each profile its role on the shared EHPAD 45', () => {
    expect(workflowRoleOf(ACTORS.NATIONAL, EHPAD_45, TODAY)).toBe('NATIONAL_ADMIN');
    expect(workflowRoleOf(ACTORS['ARS24 APR'], EHPAD_45, TODAY)).toBe('ARS_CONTROLLER');
    expect(workflowRoleOf(ACTORS['ARS24 CONTROLLER'], EHPAD_45, TODAY)).toBe('ARS_CONTROLLER');
    expect(workflowRoleOf(ACTORS['CD45 APR'], EHPAD_45, TODAY)).toBe('CD_CONTROLLER');
    expect(workflowRoleOf(ACTORS['CD45 CONTROLLER'], EHPAD_45, TODAY)).toBe('CD_CONTROLLER');
    expect(workflowRoleOf(ACTORS['ARS24 READER'], EHPAD_45, TODAY)).toBe('READER');
    expect(workflowRoleOf(ACTORS['CD45 READER'], EHPAD_45, TODAY)).toBe('READER');
    expect(workflowRoleOf(ACTORS['OG45 APE'], EHPAD_45, TODAY)).toBe('STRUCTURE_VALIDATION');
    expect(workflowRoleOf(ACTORS['ESMS APE'], EHPAD_45, TODAY)).toBe('STRUCTURE_VALIDATION');
    expect(workflowRoleOf(ACTORS['ESMS USER'], EHPAD_45, TODAY)).toBe('STRUCTURE_VALIDATION');
    expect(workflowRoleOf(only(grant('USER', 'OG', OG_45, entryOnly(null))), EHPAD_45, TODAY)).toBe(
      'STRUCTURE_ENTRY',
    );
    expect(
      workflowRoleOf(only(grant('USER', 'ESMS', EHPAD_45.finess, { rights: ['READ'] })), EHPAD_45, TODAY),
    ).toBe('READER');
  });

  it('is null out of scope: another territory, an exclusive competence, another OG', () => {
    expect(workflowRoleOf(ACTORS['CD37 APR'], EHPAD_45, TODAY)).toBeNull();
    expect(workflowRoleOf(ACTORS['ARS24 APR'], SAVS_45, TODAY)).toBeNull();
    expect(workflowRoleOf(ACTORS['CD45 CONTROLLER'], IME_45, TODAY)).toBeNull();
    expect(workflowRoleOf(ACTORS['OG45 APE'], EANM_45, TODAY)).toBeNull();
    expect(workflowRoleOf(ACTORS['ARS24 APR'], EHPAD_11, TODAY)).toBeNull();
    expect(workflowRoleOf(ACTORS.NATIONAL, EHPAD_45, 'demain')).toBeNull();
  });

  it('gives the competent controller role for exclusive competences', () => {
    expect(workflowRoleOf(ACTORS['ARS24 CONTROLLER'], IME_45, TODAY)).toBe('ARS_CONTROLLER');
    expect(workflowRoleOf(ACTORS['CD45 CONTROLLER'], SAVS_45, TODAY)).toBe('CD_CONTROLLER');
  });

  it('ignores an expired or not yet valid grant', () => {
    const expired = grant('CONTROLLER', 'ARS', '24', { validUntil: '2024-05-31' });
    const future = grant('APE', 'ESMS', EHPAD_45.finess, { validFrom: '2024-06-02' });
    expect(workflowRoleOf(only(expired), EHPAD_45, TODAY)).toBeNull();
    expect(workflowRoleOf(only(future), EHPAD_45, TODAY)).toBeNull();
    expect(workflowRoleOf(only(expired, grant('READER', 'CD', '45')), EHPAD_45, TODAY)).toBe('READER');
    expect(workflowRoleOf(only(expired), EHPAD_45, '2024-05-31')).toBe('ARS_CONTROLLER');
  });

  it('takes the strongest role of a multi-grant actor', () => {
    const actor = only(
      grant('USER', 'ESMS', EHPAD_45.finess, entryOnly(['FINANCES'])),
      grant('USER', 'OG', OG_45, { rights: ['READ', 'VALIDATION'] }),
      grant('READER', 'ARS', '24'),
    );
    expect(workflowRoleOf(actor, EHPAD_45, TODAY)).toBe('STRUCTURE_VALIDATION');
    expect(workflowRoleOf(actor, IME_45, TODAY)).toBe('STRUCTURE_VALIDATION');
    expect(workflowRoleOf(actor, EHPAD_37, TODAY)).toBe('READER');
    expect(workflowRoleOf(only(NATIONAL_GRANT, grant('APE', 'OG', OG_45)), EHPAD_45, TODAY)).toBe(
      'NATIONAL_ADMIN',
    );
    expect(
      workflowRoleOf(only(grant('APE', 'OG', OG_45), grant('CONTROLLER', 'CD', '45')), EHPAD_45, TODAY),
    ).toBe('CD_CONTROLLER');
  });

  it('with both ARS and CD controller grants, prefers the competent confirmer', () => {
    const both = only(grant('CONTROLLER', 'CD', '45'), grant('APR', 'ARS', '24'));
    expect(workflowRoleOf(both, EHPAD_45, TODAY)).toBe('ARS_CONTROLLER'); // shared: the ARS confirms
    expect(workflowRoleOf(both, IME_45, TODAY)).toBe('ARS_CONTROLLER');
    expect(workflowRoleOf(both, SAVS_45, TODAY)).toBe('CD_CONTROLLER');
    expect(workflowRoleOf(both, EANM_45, TODAY)).toBe('CD_CONTROLLER');
    expect(workflowRoleOf(both, EHPAD_37, TODAY)).toBe('ARS_CONTROLLER');
  });
});
