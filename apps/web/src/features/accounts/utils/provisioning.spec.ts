import { describe, expect, it } from 'vitest';
import { checkProvisioningFile, provisioningTemplateHref } from './provisioning';

describe('APE provisioning file', () => {
  it('is a .csv or .xlsx file, not empty, of 10 MB at most', () => {
    expect(checkProvisioningFile(null)).toBe('Choisissez le fichier des APE.');
    expect(checkProvisioningFile(new File(['x'], 'ape.pdf'))).toBe(
      'Le fichier doit être au format .csv ou .xlsx.',
    );
    expect(checkProvisioningFile(new File([], 'ape.csv'))).toBe('Le fichier est vide.');
    expect(checkProvisioningFile(new File(['FINESS;Nom'], 'APE.XLSX'))).toBeNull();
  });

  it('offers a template with the expected header', () => {
    const text = decodeURIComponent(provisioningTemplateHref().split(',')[1]!);
    expect(text.split('\r\n')[0]).toBe('\uFEFFFINESS;Nom;Prénom;Courriel;Téléphone;Transfert');
    expect(text.split('\r\n')[2]).toBe('450000026;MARTIN;Karim;karim.martin@foyer-exemple.fr;;utilisateur');
  });
});
