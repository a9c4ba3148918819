import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { LateStructure } from '@tdb/contracts';
import { buildSubmissionSummary } from '@/testing/campaign-fixtures';
import { renderWithRouter } from '@/testing/render';
import { LateStructures } from './late-structures';

const late = (over: Partial<LateStructure>): LateStructure => ({
  ...buildSubmissionSummary(),
  daysLeft: -5,
  overdue: true,
  ...over,
});

describe('late structures', () => {
  it('counts the days of an extension up to its last day, and shows the others as late', () => {
    renderWithRouter(
      {
        '/': (
          <LateStructures
            year={2026}
            late={[
              late({
                finess: '750000001',
                name: 'AVEC DÉLAI',
                daysLeft: 6,
                overdue: false,
                extension: {
                  until: '2026-06-30',
                  reason: 'Changement de direction',
                  grantedBy: 'Camille Martin',
                  authority: 'ARS Île-de-France',
                  grantedAt: '2026-06-02T08:00:00.000Z',
                  current: true,
                  label: "Délai accordé par ARS Île-de-France jusqu'au 30 juin 2026 inclus.",
                },
              }),
              late({ finess: '750000002', name: 'SANS DÉLAI' }),
            ]}
          />
        ),
      },
      '/',
    );
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]!).getByText('6 jours')).toBeTruthy();
    expect(within(rows[1]!).getByText("délai jusqu'au 30 juin 2026")).toBeTruthy();
    expect(within(rows[2]!).getByText('En retard')).toBeTruthy();
  });
});
