import { CampaignDates, formatDateFr, isIsoDate, phaseOn } from './index';

const DATES: CampaignDates = {
  launch: '2026-01-15',
  accountsSetup: '2026-03-01',
  collectionStart: '2026-04-15',
  collectionEnd: '2026-05-31',
  fiabilisationStart: '2026-06-01',
  fiabilisationEnd: '2026-08-31',
  restitutionStart: '2026-09-01',
};

describe('formatDateFr', () => {
  it.each([
    ['2026-05-31', '31 mai 2026'],
    ['2026-04-15', '15 avril 2026'],
    ['2026-06-01', '1er juin 2026'],
    ['2026-08-31', '31 août 2026'],
    ['2026-02-01', '1er février 2026'],
    ['2025-12-09', '9 décembre 2025'],
  ])('%s → %s', (iso, fr) => expect(formatDateFr(iso)).toBe(fr));

  it('returns anything else unchanged, without throwing', () => {
    expect(formatDateFr('2026-02-30')).toBe('2026-02-30');
    expect(formatDateFr('demain')).toBe('demain');
  });

  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });
});

describe('phaseOn (inclusive ends)', () => {
  it.each([
    ['2026-01-01', 'PREPARATION'],
    ['2026-03-15', 'PREPARATION'],
    ['2026-04-14', 'PREPARATION'],
    ['2026-04-15', 'COLLECTION'],
    ['2026-05-31', 'COLLECTION'],
    ['2026-06-01', 'FIABILISATION'],
    ['2026-08-31', 'FIABILISATION'],
    ['2026-09-01', 'RESTITUTION'],
    ['2027-03-01', 'RESTITUTION'],
  ])('%s → %s', (today, phase) => expect(phaseOn(DATES, today)).toBe(phase));

  it('is CLOSED from closedOn on', () => {
    const closed = { ...DATES, closedOn: '2026-12-15' };
    expect(phaseOn(closed, '2026-12-14')).toBe('RESTITUTION');
    expect(phaseOn(closed, '2026-12-15')).toBe('CLOSED');
    expect(phaseOn({ ...DATES, closedOn: null }, '2027-12-15')).toBe('RESTITUTION');
  });

  it('counts a gap between collection end and fiabilisation start as fiabilisation', () => {
    expect(phaseOn({ ...DATES, fiabilisationStart: '2026-06-10' }, '2026-06-05')).toBe('FIABILISATION');
  });

  it('rejects malformed dates with a RangeError', () => {
    expect(() => phaseOn(DATES, '31/05/2026')).toThrow(RangeError);
    expect(() => phaseOn({ ...DATES, collectionEnd: 'x' }, '2026-05-01')).toThrow(RangeError);
  });
});
