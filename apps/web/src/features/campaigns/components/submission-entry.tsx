import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import type { DomainCode, SubmissionDetail } from '@tdb/contracts';
import { DOMAINS, DOMAIN_LABELS, isRequired, itemsFor, type Item } from '@tdb/dictionary';
import type { CampaignDictionary } from '../api/get-dictionary';
import { formatDateFr } from '@tdb/submission-workflow';
import { useQueryClient } from '@tanstack/react-query';
import { getSubmissionQueryOptions } from '../api/get-submission';
import { useSubmissionEntry, type SaveState } from '../hooks/use-submission-entry';
import { CompletenessBar } from './completeness-bar';
import { GridTransfer } from './grid-transfer';
import { fieldId, ItemField } from './item-field';
import { ItemHelp } from './item-help';
import { SubmissionFollowUp } from './submission-follow-up';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { TransitionActions } from './transition-actions';
import { paths } from '@/lib/paths';

const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

function SaveStatus({ state, pendingCount }: { state: SaveState; pendingCount: number }) {
  let text = '';
  if (state.kind === 'saving') text = 'Enregistrement…';
  else if (state.kind === 'error') text = state.message;
  else if (pendingCount > 0) text = 'Modifications en attente d’enregistrement…';
  else if (state.kind === 'saved') text = `Enregistré à ${timeFormat.format(state.at)}`;
  return (
    <p
      className={`tdb-save-status ${state.kind === 'error' ? 'tdb-save-status--error' : ''}`}
      role="status"
      aria-live="polite"
    >
      {text}
    </p>
  );
}

function deadlineOf(detail: SubmissionDetail): string {
  const dates = detail.campaign.dates;
  switch (detail.campaign.phase) {
    case 'PREPARATION':
      return `collecte du ${formatDateFr(dates.collectionStart)} au ${formatDateFr(dates.collectionEnd)}`;
    case 'COLLECTION':
      return `date limite de saisie : ${formatDateFr(dates.collectionEnd)}`;
    case 'FIABILISATION':
      return `fiabilisation jusqu'au ${formatDateFr(dates.fiabilisationEnd)}`;
    default:
      return `collecte close le ${formatDateFr(dates.collectionEnd)}`;
  }
}

/** What other features draw inside the form (the atypia flags): composed by the page. */
export interface SubmissionEntrySlots {
  /** Above the form: about the whole submission. */
  header?: ReactNode;
  /** Under one item's field. */
  belowItem?: (item: Item) => ReactNode;
}

/** The data-entry form of one structure for one campaign. */
export function SubmissionEntry({
  detail,
  dictionary,
  slots = {},
}: {
  detail: SubmissionDetail;
  dictionary: CampaignDictionary;
  slots?: SubmissionEntrySlots;
}) {
  const year = detail.campaignYear;
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const items = useMemo(() => itemsFor(dictionary, detail.categoryCode), [dictionary, detail.categoryCode]);
  const itemsByCode = useMemo(() => new Map(items.map((item) => [item.code, item])), [items]);
  const domains = DOMAINS.filter((d) => items.some((item) => item.domain === d));
  const requested = searchParams.get('domaine') as DomainCode | null;
  const domain: DomainCode =
    requested && domains.includes(requested) ? requested : (domains[0] ?? 'CARACTERISATION');
  const entry = useSubmissionEntry(year, detail.finess, itemsByCode);

  const editable = (item: Item) =>
    item.ogLevel ? detail.canEditOgItems : detail.editableDomains.includes(item.domain);
  const readOnlyNote = (item: Item) => {
    if (item.ogLevel && !detail.canEditOgItems) return "Saisi par l'organisme gestionnaire.";
    if (!editable(item) && detail.editableDomains.length > 0) return 'Domaine en lecture seule pour vous.';
    return null;
  };
  const readOnly = detail.editableDomains.length === 0 && !detail.canEditOgItems;
  const domainItems = items.filter((item) => item.domain === domain);
  const previousOf = (item: Item) => detail.previousValues[item.code];
  const fillable = domainItems.filter(
    (item) =>
      editable(item) &&
      previousOf(item) !== undefined &&
      previousOf(item) !== null &&
      entry.textOf(item).trim() === '',
  );
  const blocking = detail.issues.filter((i) => i.blocking);
  const warnings = detail.issues.filter((i) => !i.blocking);
  const fieldLabel = (field: string) => itemsByCode.get(field)?.label ?? field;
  const issueLink = (itemCode: string, issueDomain: DomainCode) =>
    `?domaine=${issueDomain}#${fieldId(itemCode)}`;

  return (
    <>
      <div className="tdb-page-header">
        <div>
          <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
            <li>
              <Badge severity="info" noIcon small>
                <span className="fr-sr-only">Catégorie : </span>
                {detail.categoryLabel}
              </Badge>
            </li>
            <li>
              <SubmissionStatusBadge status={detail.status} />
            </li>
          </ul>
          <h1 className={fr.cx('fr-mb-1w')}>{detail.name}</h1>
          <p className={fr.cx('fr-mb-1w')}>
            FINESS <span className="tdb-code">{detail.finess}</span> · Organisme gestionnaire :{' '}
            <Link to={paths.organisationEntry.href(year, detail.ogFiness)}>{detail.ogName}</Link>
          </p>
          <p className={fr.cx('fr-mb-0')}>
            Campagne {year} (données {detail.campaign.dataYear}) — phase :{' '}
            <strong>{detail.campaign.phaseLabel}</strong>, {deadlineOf(detail)}
          </p>
        </div>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
          <li>
            <Button
              size="small"
              priority="secondary"
              linkProps={{
                to: paths.submissionIndicators.href(year, detail.finess),
              }}
            >
              Indicateurs
            </Button>
          </li>
          <li>
            <Button
              size="small"
              priority="secondary"
              linkProps={{
                to: paths.submissionRestitution.href(year, detail.finess),
              }}
            >
              Restitution
            </Button>
          </li>
        </ul>
      </div>

      <div className={fr.cx('fr-mt-3w')}>
        <CompletenessBar
          ratio={detail.completenessDetail.ratio}
          threshold={detail.campaign.threshold}
          filled={detail.completenessDetail.filled}
          expected={detail.completenessDetail.expected}
        />
        <SaveStatus state={entry.saveState} pendingCount={entry.pendingCount} />
      </div>

      {entry.conflictNotice && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="warning"
          role="alert"
          as="h2"
          title="Saisie modifiée par ailleurs"
          description={entry.conflictNotice}
          closable
          onClose={entry.dismissConflictNotice}
        />
      )}

      {readOnly && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="info"
          small
          description="Vous consultez cette saisie : vous ne pouvez pas la modifier."
        />
      )}

      <TransitionActions
        detail={detail}
        fieldLabel={fieldLabel}
        beforeTransition={async () => {
          await entry.flush();
          return (
            queryClient.getQueryData<SubmissionDetail>(
              getSubmissionQueryOptions(year, detail.finess).queryKey,
            )?.version ?? detail.version
          );
        }}
      />

      {(blocking.length > 0 || warnings.length > 0) && (
        <section className="tdb-panel fr-mb-3w" aria-labelledby="reste-a-faire">
          <h2 id="reste-a-faire" className={fr.cx('fr-h5')}>
            Ce qui reste à faire
          </h2>
          {blocking.length > 0 && (
            <>
              <p className={fr.cx('fr-mb-1w')}>
                {blocking.length === 1
                  ? '1 point bloque la validation :'
                  : `${blocking.length} points bloquent la validation :`}
              </p>
              <ul className="tdb-issues">
                {blocking.map((issue) => (
                  <li key={`${issue.itemCode}-b`} className="tdb-issue tdb-issue--blocking">
                    <Link to={issueLink(issue.itemCode, issue.domain)}>{issue.itemLabel}</Link> (
                    {DOMAIN_LABELS[issue.domain]}) : {issue.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {warnings.length > 0 && (
            <>
              <p className={fr.cx('fr-mb-1w', 'fr-mt-2w')}>À vérifier (n'empêche pas la validation) :</p>
              <ul className="tdb-issues">
                {warnings.map((issue) => (
                  <li key={`${issue.itemCode}-w`} className="tdb-issue tdb-issue--warning">
                    <Link to={issueLink(issue.itemCode, issue.domain)}>{issue.itemLabel}</Link> :{' '}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {slots.header}

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4', 'fr-col-lg-3')}>
          <SideMenu
            align="left"
            burgerMenuButtonText="Domaines du formulaire"
            title="Domaines"
            items={domains.map((d) => {
              const part = detail.completenessDetail.byDomain[d];
              return {
                text: (
                  <>
                    {DOMAIN_LABELS[d]}
                    <br />
                    <span className={fr.cx('fr-text--xs')}>
                      {part ? `${part.filled}/${part.expected} (${Math.floor(part.ratio * 100)} %)` : ''}
                    </span>
                  </>
                ),
                isActive: d === domain,
                linkProps: { to: { search: `?domaine=${d}` }, preventScrollReset: true },
              };
            })}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-9')}>
          <section aria-labelledby="domaine-titre">
            <div className="tdb-results-header">
              <h2 id="domaine-titre" className={fr.cx('fr-h4', 'fr-mb-0')}>
                {DOMAIN_LABELS[domain]}
              </h2>
              {detail.previousYear !== null && fillable.length > 0 && (
                <Button
                  priority="secondary"
                  size="small"
                  iconId="fr-icon-arrow-go-back-line"
                  onClick={() => entry.takePrevious(fillable)}
                >
                  Reprendre les valeurs {detail.previousYear} du domaine ({fillable.length})
                </Button>
              )}
            </div>
            <p className={fr.cx('fr-text--sm')}>
              Les données marquées d'un astérisque (*) sont obligatoires pour valider la saisie. Chaque
              modification est enregistrée automatiquement.
            </p>
            {domainItems.map((item) => (
              <ItemField
                key={item.code}
                year={year}
                finess={detail.finess}
                item={item}
                required={isRequired(item, detail.categoryCode)}
                text={entry.textOf(item)}
                error={entry.errors[item.code]}
                conflict={entry.conflicts[item.code]}
                issues={detail.issues.filter((i) => i.itemCode === item.code)}
                below={slots.belowItem?.(item)}
                help={
                  <ItemHelp
                    item={item}
                    uses={dictionary.indicatorsByItem?.[item.code]}
                    categories={[detail.categoryCode]}
                    year={year}
                  />
                }
                previous={previousOf(item)}
                previousYear={detail.previousYear}
                editable={editable(item)}
                readOnlyNote={readOnlyNote(item)}
                unsaved={entry.isPending(item.code)}
                onChange={(raw) => entry.change(item, raw)}
                onBlur={entry.commit}
                onTakePrevious={() => entry.takePrevious([item])}
                onResolve={(keep) => entry.resolveConflict(item.code, keep)}
              />
            ))}
          </section>
        </div>
      </div>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mt-4w')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <SubmissionFollowUp detail={detail} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-4')}>
          <GridTransfer
            target={{ year, kind: 'submissions', finess: detail.finess }}
            canUpload={detail.editableDomains.length > 0}
            onUploaded={() =>
              void queryClient.invalidateQueries({
                queryKey: getSubmissionQueryOptions(year, detail.finess).queryKey,
              })
            }
          />
        </div>
      </div>
    </>
  );
}
