/** As the API requires it; the API also refuses guessable passwords (WEAK_PASSWORD) and says why. */
export const PASSWORD_MIN_LENGTH = 12;

export interface NewPasswordErrors {
  password?: string;
  confirmation?: string;
}

/** The checks the browser can make before sending: length, and the confirmation typed the same. */
export function checkNewPassword(password: string, confirmation: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (password === '') errors.password = 'Choisissez un mot de passe.';
  else if ([...password].length < PASSWORD_MIN_LENGTH)
    errors.password = `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (confirmation === '') errors.confirmation = 'Saisissez le mot de passe une seconde fois.';
  else if (confirmation !== password) errors.confirmation = 'Les deux mots de passe ne sont pas identiques.';
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.values(errors).some((value) => value !== undefined);
}
