import type { CampaignDatesDto } from '@tdb/contracts';

/** The usual calendar of a campaign year: 15 Jan, 1 Mar, 15 Apr–31 May, 1 Jun–31 Aug, 1 Sep. */
export function defaultCampaignDates(year: number): CampaignDatesDto {
  return {
    launch: `${year}-01-15`,
    accountsSetup: `${year}-03-01`,
    collectionStart: `${year}-04-15`,
    collectionEnd: `${year}-05-31`,
    fiabilisationStart: `${year}-06-01`,
    fiabilisationEnd: `${year}-08-31`,
    restitutionStart: `${year}-09-01`,
  };
}

export const DATE_LABELS: Record<keyof CampaignDatesDto, string> = {
  launch: 'Lancement',
  accountsSetup: 'Mise en place des comptes',
  collectionStart: 'Début de la collecte',
  collectionEnd: 'Fin de la collecte',
  fiabilisationStart: 'Début de la fiabilisation',
  fiabilisationEnd: 'Fin de la fiabilisation',
  restitutionStart: 'Début de la restitution',
};
