import { passwordWeakness } from './password-policy';

describe('password policy', () => {
  it.each(['court1!', 'motdepasse123', '123456789012', 'azertyuiop12', 'password1234'])(
    'refuses %s',
    (password) => {
      expect(passwordWeakness(password)).toEqual(expect.any(String));
    },
  );

  it('refuses a password made of the person’s own name', () => {
    expect(passwordWeakness('dupontmartine', ['Dupont', 'Martine'])).toMatch(/trop facile/);
  });

  it('accepts a long unrelated passphrase', () => {
    expect(passwordWeakness('Cheval-Agrafe-Batterie-7')).toBeNull();
  });
});
