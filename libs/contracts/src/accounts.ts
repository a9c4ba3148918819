/** Shapes of the accounts, authentication and authorization API. Plain types only. */

/** The kinds of organisation that hold accounts. NATIONAL's code is "FR". */
export type OrganisationKind = 'NATIONAL' | 'ARS' | 'CD' | 'OG' | 'ESMS';

export interface OrganisationRef {
  kind: OrganisationKind;
  /** "FR" for NATIONAL; INSEE region code for ARS; INSEE department code for CD; FINESS for OG/ESMS. */
  code: string;
}

/**
 * NATIONAL_ADMIN: national operator. In an ARS or CD: APR (principal administrator), CONTROLLER
 * (reads, invalidates, confirms), READER. In an OG or ESMS: APE (principal administrator) and USER
 * (with rights among ENTRY, VALIDATION, READ).
 */
export type Role = 'NATIONAL_ADMIN' | 'APR' | 'CONTROLLER' | 'READER' | 'APE' | 'USER';

export type UserRight = 'ENTRY' | 'VALIDATION' | 'READ';

/** Domains of the campaign form; an ENTRY right may be limited to some of them. */
export type FormDomain =
  | 'CARACTERISATION'
  | 'PRESTATIONS'
  | 'RESSOURCES_HUMAINES'
  | 'FINANCES'
  | 'SYSTEME_INFORMATION'
  | 'DEVELOPPEMENT_DURABLE';

export interface GrantInput {
  organisation: OrganisationRef;
  role: Role;
  /** USER only: at least one right. APE implicitly holds all. */
  rights?: UserRight[];
  /** USER with ENTRY only: null or absent = every domain. */
  entryDomains?: FormDomain[] | null;
  /** ISO dates (YYYY-MM-DD), inclusive; absent = unbounded. */
  validFrom?: string | null;
  validUntil?: string | null;
}

export interface Grant extends Required<Omit<GrantInput, 'rights' | 'entryDomains'>> {
  id: string;
  rights: UserRight[];
  entryDomains: FormDomain[] | null;
  /** Human label of the organisation, e.g. "ARS Centre-Val de Loire", "EHPAD LES CHÊNES (450000018)". */
  organisationLabel: string;
  createdAt: string;
  createdBy: string | null;
  /**
   * APR or APE grant only: its organisation has more than one principal administrator (accounts
   * created before the rule "one principal per organisation", or restored): keep one, remove the
   * others' grant.
   */
  duplicatePrincipal?: boolean;
}

export type AccountStatus = 'INVITED' | 'ACTIVE' | 'DISABLED' | 'LOCKED';

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  status: AccountStatus;
  totpEnabled: boolean;
  grants: Grant[];
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface AccountSearchQuery {
  q?: string;
  role?: Role[];
  organisationKind?: OrganisationKind[];
  organisationCode?: string;
  status?: AccountStatus[];
  page?: number;
  pageSize?: number;
}

export interface CreateAccountRequest {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  grant: GrantInput;
  /** Required when `grant` designates the principal administrator of an organisation that has one. */
  transfer?: PrincipalTransfer;
}

/** A grant added to an account one manages (POST /accounts/:id/grants). */
export interface AddGrantRequest extends GrantInput {
  /** Required when the grant designates the principal administrator of an organisation that has one. */
  transfer?: PrincipalTransfer;
}

/**
 * What the current principal administrator (APR of an ARS or CD, APE of an OG or ESMS) becomes when
 * another person is designated: CONTROLLER or READER of the same authority (APR), USER of the same
 * structure (APE), or REVOKE: the grant is withdrawn (and the account disabled if it holds nothing
 * else).
 */
export type TransferPrevious = 'CONTROLLER' | 'READER' | 'USER' | 'REVOKE';

/** "Au sein du CD, un administrateur principal PLAGE unique est identifié": replacing one is a transfer. */
export interface PrincipalTransfer {
  previous: TransferPrevious;
  /** USER only: the rights the previous APE keeps (default: entry, validation and read). */
  rights?: UserRight[];
}

/** A current principal administrator, as shown to someone who manages that account. */
export interface PrincipalHolder {
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  status: AccountStatus;
}

/** The principal administrator seat of an organisation (GET /accounts/principal). */
export interface PrincipalSeat {
  organisation: OrganisationRef;
  organisationLabel: string;
  /** APR for an ARS or a CD, APE for an OG or an ESMS. */
  role: 'APR' | 'APE';
  /** The current holders the caller manages (one, or several left from before the rule). */
  holders: PrincipalHolder[];
  /** Holders the caller does not manage: counted, never named. */
  undisclosed: number;
  /** What the current holder may become when someone else is designated. */
  transferOptions: TransferPrevious[];
}

/**
 * The answer to "give this grant to the person of this email". When the caller does not already
 * manage an account of that email (no account, or someone else's), the answer is the same: an
 * invitation is sent, and the grant takes effect when the person accepts it. Only an account the
 * caller manages comes back (its grant added at once).
 */
export interface GrantOfferResult {
  outcome: 'INVITED' | 'GRANT_ADDED';
  email: string;
  /** French, for the person who asked. */
  message: string;
  /** GRANT_ADDED only: the account, as the caller may see it. */
  account: Account | null;
}

/** A grant proposed to an existing person, as the emailed link shows it (no account data). */
export interface GrantInvitationInfo {
  email: string;
  role: Role;
  organisationLabel: string;
  rights: UserRight[];
  entryDomains: FormDomain[] | null;
  validFrom: string | null;
  validUntil: string | null;
  invitedBy: string | null;
  expiresAt: string;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  /** The offer makes the person the organisation's principal administrator in place of the current one. */
  principalTransfer: boolean;
}

export interface UpdateAccountRequest {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  version: number;
}

export interface LoginRequest {
  email: string;
  password: string;
  /** Required when the account has a second factor. */
  totpCode?: string;
}

export interface LoginResponse {
  /** Short-lived JWT: send as "Authorization: Bearer …". The refresh token is an httpOnly cookie. */
  accessToken: string;
  expiresIn: number;
  account: Account;
  /** The second factor is mandatory for this account's role and not yet set up: only "Mon compte" works. */
  totpEnrollmentRequired: boolean;
}

export interface SecondFactorRequiredResponse {
  code: 'TOTP_REQUIRED';
  message: string;
}

export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

export interface ForgotPasswordRequest {
  email: string;
}

export interface ResetPasswordRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** What a token (invitation or reset) is for, shown before the user sets a password. */
export interface TokenInfo {
  purpose: 'INVITATION' | 'PASSWORD_RESET';
  email: string;
  firstName: string;
  expiresAt: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

export interface SentEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  /** "stored" when no SMTP server is configured (the embedded default), else "sent" / "failed". */
  status: 'stored' | 'sent' | 'failed';
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
  ipAddress: string | null;
}

export interface ApiTokenInfo {
  id: string;
  organisation: OrganisationRef;
  organisationLabel: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiTokenRequest {
  name: string;
  /** Defaults to the caller's own ARS or CD. */
  organisation?: OrganisationRef;
  /** ISO date; absent = no expiry. */
  expiresAt?: string | null;
}

/** Returned once at creation: the secret is never shown again. */
export interface CreatedApiToken extends ApiTokenInfo {
  token: string;
}

export interface TotpSetup {
  secret: string;
  /** otpauth:// URI for authenticator apps (as a QR code or typed in). */
  otpauthUri: string;
}

export interface SecuritySettings {
  /** The national administrator and the APRs must use a second factor. */
  totpRequiredForAdmins: boolean;
}

/** One line of an APE provisioning file (FINESS, last name, first name, email, phone). */
export interface ProvisioningLineResult {
  line: number;
  finess: string;
  email: string;
  /**
   * invited: a new account, or a person whose account the caller does not manage (the same outcome
   * for both: nothing tells whether the address was known); grant_added / unchanged: an account
   * the caller manages.
   */
  outcome: 'invited' | 'grant_added' | 'unchanged';
  /** The line replaced the organisation's principal administrator (column « Transfert »). */
  transfer?: TransferPrevious;
}

export interface ProvisioningReport {
  applied: boolean;
  /** Invitations sent (new accounts, and grants offered to people the caller does not manage). */
  invited: number;
  grantsAdded: number;
  unchanged: number;
  lines: ProvisioningLineResult[];
  errors: { line: number; message: string }[];
}
