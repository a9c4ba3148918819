import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { CampaignDatesDto } from '@tdb/contracts';
import { DATE_LABELS, defaultCampaignDates } from '../utils/calendar';

export interface CampaignFormValues {
  year: number;
  dates: CampaignDatesDto;
  threshold: number;
}

const KEYS = Object.keys(DATE_LABELS) as (keyof CampaignDatesDto)[];

/** Year (on creation), the seven dates of the calendar and the completeness threshold (in %). */
export function CampaignForm({
  initial,
  withYear,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  initial?: CampaignFormValues;
  withYear: boolean;
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: CampaignFormValues) => void;
  onCancel: () => void;
}) {
  const start = initial ?? {
    year: new Date().getFullYear(),
    dates: defaultCampaignDates(new Date().getFullYear()),
    threshold: 0.9,
  };
  const [year, setYear] = useState(String(start.year));
  const [dates, setDates] = useState<CampaignDatesDto>(start.dates);
  const [threshold, setThreshold] = useState(String(Math.round(start.threshold * 100)));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const changeYear = (text: string) => {
    setYear(text);
    // The calendar follows the year until a date is edited by hand.
    const y = Number(text);
    if (
      /^\d{4}$/.test(text) &&
      JSON.stringify(dates) === JSON.stringify(defaultCampaignDates(Number(year)))
    ) {
      setDates(defaultCampaignDates(y));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (withYear && !/^\d{4}$/.test(year)) found['year'] = 'Indiquez l’année de la campagne (ex. : 2027).';
    const t = Number(threshold.replace(',', '.'));
    if (!Number.isFinite(t) || t <= 0 || t > 100)
      found['threshold'] = 'Le seuil est un pourcentage entre 1 et 100.';
    for (const key of KEYS) if (!/^\d{4}-\d{2}-\d{2}$/.test(dates[key])) found[key] = 'Indiquez une date.';
    for (let i = 1; i < KEYS.length; i += 1) {
      const prev = KEYS[i - 1];
      const key = KEYS[i];
      if (prev && key && !found[key] && dates[key] < dates[prev]) {
        found[key] = `Cette date ne peut pas précéder « ${DATE_LABELS[prev]} ».`;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({ year: Number(year), dates, threshold: t / 100 });
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        {withYear && (
          <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
            <Input
              label="Année de la campagne"
              hintText="Les données décrivent l'année précédente."
              state={errors['year'] ? 'error' : 'default'}
              stateRelatedMessage={errors['year']}
              nativeInputProps={{
                inputMode: 'numeric',
                value: year,
                onChange: (e) => changeYear(e.target.value),
              }}
            />
          </div>
        )}
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <Input
            label="Seuil de complétude (%)"
            state={errors['threshold'] ? 'error' : 'default'}
            stateRelatedMessage={errors['threshold']}
            nativeInputProps={{
              inputMode: 'decimal',
              value: threshold,
              onChange: (e) => setThreshold(e.target.value),
            }}
          />
        </div>
      </div>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend')}>Calendrier</legend>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ width: '100%' }}>
          {KEYS.map((key) => (
            <div key={key} className={fr.cx('fr-col-12', 'fr-col-md-3')}>
              <Input
                label={DATE_LABELS[key]}
                state={errors[key] ? 'error' : 'default'}
                stateRelatedMessage={errors[key]}
                nativeInputProps={{
                  type: 'date',
                  value: dates[key],
                  onChange: (e) => setDates((all) => ({ ...all, [key]: e.target.value })),
                }}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
