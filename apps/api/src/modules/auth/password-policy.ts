import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

export const MIN_PASSWORD_LENGTH = 12;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
  translations: fr.translations,
});

/**
 * At least 12 characters and not guessable: zxcvbn (French and common dictionaries, keyboard
 * patterns, sequences) must rate it 3 or 4. Returns the French reason of a refusal, or null.
 */
export function passwordWeakness(password: string, personalWords: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  }
  if (password.length > 200) return 'Le mot de passe ne doit pas dépasser 200 caractères.';
  const result = zxcvbn.check(
    password,
    personalWords.filter((w) => w.length >= 3),
  );
  if (result.score >= 3) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `Ce mot de passe est trop facile à deviner${hint ? ` : ${hint.replace(/\.$/, '').toLowerCase()}` : ''}. Choisissez par exemple plusieurs mots sans lien entre eux.`;
}
