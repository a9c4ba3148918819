/**
 * A refused access (403) worth a line in the audit log. The exception filter reports it through
 * this token so that `common/` does not import the audit module that stores it.
 */
export interface AccessDenial {
  accountId: string | null;
  email: string | null;
  method: string;
  /** The route pattern (`/api/campaigns/:year/…`) when known, else the path without its query. */
  route: string;
  message: string;
  ipAddress: string | null;
}

export interface AccessDenialRecorder {
  record(denial: AccessDenial): Promise<void>;
}

export const ACCESS_DENIAL_RECORDER = Symbol('ACCESS_DENIAL_RECORDER');
