/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read out and to type in an app. */
export function groupSecret(secret: string, size = 4): string {
  const compact = secret.replace(/\s+/g, '').toUpperCase();
  return compact.replace(new RegExp(`(.{${size}})(?=.)`, 'g'), '$1 ');
}

export const TOTP_CODE = /^\d{6}$/;

/** What the user typed, without the spaces some apps show in the middle ("123 456"). */
export function normaliseTotpCode(value: string): string {
  return value.replace(/\s+/g, '');
}
