import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { AuthorityRef, FiabilisationPrioritiesDto } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { useAtypiaTable } from '../api/atypia';
import { useFiabilisationPriorities, useSavePriorities } from '../api/fiabilisation';

function PrioritiesForm({
  year,
  authority,
  priorities,
}: {
  year: number;
  authority: AuthorityRef | null;
  priorities: FiabilisationPrioritiesDto;
}) {
  const guide = useIndicatorGuide(year);
  const seen = useAtypiaTable(year, { status: 'ALL', page: 1, pageSize: 100 });
  const save = useSavePriorities(year, authority);
  const [indicators, setIndicators] = useState<Set<string>>(new Set(priorities.indicatorCodes));
  const [rules, setRules] = useState<Set<string>>(new Set(priorities.ruleCodes));
  const [others, setOthers] = useState('');
  const [done, setDone] = useState(false);

  const ruleLabels = new Map<string, string>();
  for (const row of seen.data?.items ?? []) ruleLabels.set(row.ruleCode, row.ruleLabel);
  for (const code of priorities.ruleCodes) if (!ruleLabels.has(code)) ruleLabels.set(code, code);
  const toggle = (set: Set<string>, code: string) => {
    const next = new Set(set);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    return next;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const extra = others
      .split(/[,;\s]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    save.mutate(
      {
        indicatorCodes: [...indicators],
        ruleCodes: [...new Set([...rules, ...extra])],
        version: priorities.version,
      },
      {
        onSuccess: (answer) => {
          setRules(new Set(answer.ruleCodes));
          setIndicators(new Set(answer.indicatorCodes));
          setOthers('');
          setDone(true);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} aria-label="Indicateurs et règles prioritaires">
      {guide.isPending ? (
        <PageLoader label="Chargement des indicateurs…" />
      ) : guide.isError ? (
        <QueryError error={guide.error} onRetry={() => void guide.refetch()} />
      ) : (
        <Checkbox
          legend="Indicateurs prioritaires"
          small
          options={guide.data.sheets.map((sheet) => ({
            label: `${sheet.code} – ${sheet.label}`,
            nativeInputProps: {
              name: 'indicateurs',
              value: sheet.code,
              checked: indicators.has(sheet.code),
              onChange: () => setIndicators((s) => toggle(s, sheet.code)),
            },
          }))}
        />
      )}
      {ruleLabels.size > 0 && (
        <Checkbox
          legend="Règles d'atypie prioritaires"
          hintText="Les règles rencontrées dans le tableau des atypies."
          small
          options={[...ruleLabels].map(([code, label]) => ({
            label: label === code ? code : `${label} (${code})`,
            nativeInputProps: {
              name: 'regles',
              value: code,
              checked: rules.has(code),
              onChange: () => setRules((s) => toggle(s, code)),
            },
          }))}
        />
      )}
      <Input
        label="Autres codes de règle"
        hintText="Séparés par des virgules."
        nativeInputProps={{ value: others, onChange: (e) => setOthers(e.target.value) }}
      />
      <Button type="submit" disabled={save.isPending}>
        Enregistrer les priorités
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {done && <Alert severity="success" small description="Les priorités sont enregistrées." />}
        {save.error && <Alert severity="error" small role="alert" description={save.error.message} />}
      </div>
    </form>
  );
}

/** The indicators and rules the authority looks at first. */
export function PrioritiesEditor({ year, authority }: { year: number; authority: AuthorityRef | null }) {
  const priorities = useFiabilisationPriorities(year, authority);
  if (priorities.isPending) return <PageLoader label="Chargement des priorités…" />;
  if (priorities.isError) {
    return <QueryError error={priorities.error} onRetry={() => void priorities.refetch()} />;
  }
  return (
    <PrioritiesForm
      key={`${priorities.data.organisationKind}:${priorities.data.organisationCode}:${priorities.data.version}`}
      year={year}
      authority={authority}
      priorities={priorities.data}
    />
  );
}
