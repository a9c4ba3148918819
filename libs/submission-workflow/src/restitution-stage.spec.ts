import { CampaignDates, phaseOn, restitutionOpen, restitutionStage } from './index';

const DATES: CampaignDates = {
  launch: '2026-01-15',
  accountsSetup: '2026-03-01',
  collectionStart: '2026-04-15',
  collectionEnd: '2026-05-31',
  fiabilisationStart: '2026-06-01',
  fiabilisationEnd: '2026-08-25',
  // A gap: 26–31 August are after the fiabilisation, before the restitution.
  restitutionStart: '2026-09-01',
};

const stageOn = (today: string, reader: 'STRUCTURE' | 'AUTHORITY', dates: CampaignDates = DATES) =>
  restitutionStage(phaseOn(dates, today), dates.restitutionStart, today, reader);

describe('restitutionOpen', () => {
  it.each([
    ['2026-03-01', false],
    ['2026-05-10', false],
    ['2026-07-01', false],
    ['2026-08-28', false], // between the fiabilisation and the restitution
    ['2026-09-01', true],
    ['2027-03-01', true],
  ])('%s → %s', (today, open) =>
    expect(restitutionOpen(phaseOn(DATES, today), DATES.restitutionStart, today)).toBe(open),
  );

  it('is open once the campaign is closed, whatever the dates', () => {
    const closed = { ...DATES, closedOn: '2026-07-15' };
    expect(restitutionOpen(phaseOn(closed, '2026-07-20'), closed.restitutionStart, '2026-07-20')).toBe(true);
  });

  it('is never open for a campaign in preparation (a draft with past dates)', () => {
    expect(restitutionOpen('PREPARATION', '2020-09-01', '2026-10-01')).toBe(false);
  });
});

describe('restitutionStage', () => {
  it('gives a structure its own provisional figures and says from when it sees its peers', () => {
    expect(stageOn('2026-05-10', 'STRUCTURE')).toEqual({
      provisional: true,
      notice: expect.stringContaining('Valeurs provisoires'),
      peers: {
        available: false,
        reason:
          'Les comparaisons avec les structures similaires seront disponibles à partir du 1er septembre 2026, après la fiabilisation.',
        availableFrom: '2026-09-01',
      },
    });
  });

  it('gives an authority provisional distributions before the restitution', () => {
    const stage = stageOn('2026-07-01', 'AUTHORITY');
    expect(stage.provisional).toBe(true);
    expect(stage.peers).toEqual({ available: true, reason: null, availableFrom: '2026-09-01' });
    expect(stage.notice).toMatch(/provisoires.*1er septembre 2026/);
  });

  it('gives everybody everything from the first day of the restitution', () => {
    for (const reader of ['STRUCTURE', 'AUTHORITY'] as const) {
      expect(stageOn('2026-09-01', reader)).toEqual({
        provisional: false,
        notice: null,
        peers: { available: true, reason: null, availableFrom: '2026-09-01' },
      });
    }
  });
});
