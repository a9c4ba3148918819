import { paths } from '../paths';

/** Where the second factor is set up: the "Double authentification" section of "Mon compte". */
export const MY_ACCOUNT_PATH = paths.myAccount.href();
export const TOTP_SECTION_ID = 'double-authentification';
export const TOTP_ENROLLMENT_URL = `${MY_ACCOUNT_PATH}#${TOTP_SECTION_ID}`;
