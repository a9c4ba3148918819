/**
 * Services throw DomainErrors; one filter maps their code to an HTTP status. `message` is French,
 * for the user; `logMessage` is English, for the logs.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'STALE_VERSION'
  | 'CONFLICT'
  /** The organisation has its principal administrator (APR/APE): designating another is a transfer. */
  | 'PRINCIPAL_HELD'
  | 'IMPORT_REJECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  /** Too many failed sign-ins with this address (from this IP): wait until `retryAt`. */
  | 'LOGIN_THROTTLED'
  | 'FORBIDDEN'
  | 'TOTP_ENROLLMENT_REQUIRED'
  /** The account's authority requires sign-in through the identity provider (no password). */
  | 'PROVIDER_SIGN_IN_REQUIRED'
  | 'TOKEN_INVALID'
  | 'WEAK_PASSWORD'
  /** Too much heavy work at once (files being read or built): try again shortly. */
  | 'SERVICE_BUSY'
  /** This account already has its share of heavy work running (an export): wait for it to end. */
  | 'TOO_MANY_REQUESTS';

export interface DomainErrorDetail {
  field?: string;
  line?: number;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** French, shown to the user. */
    readonly userMessage: string,
    readonly details?: DomainErrorDetail[],
    /** English, for the logs. */
    logMessage?: string,
    /** Extra payload returned to the client (e.g. the current state on a stale version). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(logMessage ?? userMessage);
  }
}

export function httpStatusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'VALIDATION_FAILED':
      return 400;
    case 'STALE_VERSION':
    case 'CONFLICT':
    case 'PRINCIPAL_HELD':
      return 409;
    case 'IMPORT_REJECTED':
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNAUTHENTICATED':
    case 'SESSION_EXPIRED':
    case 'INVALID_CREDENTIALS':
    case 'TOTP_REQUIRED':
      return 401;
    case 'FORBIDDEN':
    case 'TOTP_ENROLLMENT_REQUIRED':
    case 'PROVIDER_SIGN_IN_REQUIRED':
      return 403;
    case 'LOGIN_THROTTLED':
      return 429;
    case 'TOKEN_INVALID':
      return 410;
    case 'WEAK_PASSWORD':
      return 400;
    case 'SERVICE_BUSY':
      return 503;
    case 'TOO_MANY_REQUESTS':
      return 429;
  }
}
