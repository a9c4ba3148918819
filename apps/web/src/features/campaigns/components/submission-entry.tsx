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
import { useFocusHash } from '../hooks/use-focus-hash';
import { useSubmissionEntry } from '../hooks/use-submission-entry';
import { CompletenessBar } from './completeness-bar';
import { GridTransfer } from './grid-transfer';
import { ItemField } from './item-field';
import { ItemHelp } from './item-help';
import { RemainingIssues } from './remaining-issues';
import { SaveStatus } from './save-status';
import { TakePreviousDomain } from './take-previous-domain';
import { SubmissionFollowUp } from './submission-follow-up';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { TransitionActions } from './transition-actions';
import { paths } from '@/lib/paths';
import { percent } from '@/lib/format';

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
  /** First under the title: what must be read before anything else (why it was sent back). */
  top?: ReactNode;
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
  // Without a choice, the form opens on the first domain the user enters (saisie.rh: RH).
  const ownDomains = domains.filter((d) => detail.editableDomains.includes(d));
  const domain: DomainCode =
    requested && domains.includes(requested) ? requested : (ownDomains[0] ?? domains[0] ?? 'CARACTERISATION');
  const entry = useSubmissionEntry(year, detail.finess, itemsByCode);
  useFocusHash(true);

  const editable = (item: Item) =>
    item.ogLevel ? detail.canEditOgItems : detail.editableDomains.includes(item.domain);
  const readOnlyNote = (item: Item) =>
    item.ogLevel && !detail.canEditOgItems ? "Saisi par l'organisme gestionnaire." : null;
  const readOnly = detail.editableDomains.length === 0 && !detail.canEditOgItems;
  // Said once for the domain, not under each of its fields.
  const domainReadOnly = !readOnly && !detail.editableDomains.includes(domain);
  const domainItems = items.filter((item) => item.domain === domain);
  const previousOf = (item: Item) => detail.previousValues[item.code];
  const registerOf = (item: Item) => detail.registerValues.find((r) => r.itemCode === item.code);
  const fillable = domainItems.filter(
    (item) =>
      editable(item) &&
      previousOf(item) !== undefined &&
      previousOf(item) !== null &&
      entry.textOf(item).trim() === '',
  );
  const fieldLabel = (field: string) => itemsByCode.get(field)?.label ?? field;

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

      {slots.top}

      {/* Kept in view while the user scrolls a long domain (sticky), announced when it changes. */}
      <div className="tdb-entry-status fr-mt-3w">
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

      <RemainingIssues detail={detail} itemsByCode={itemsByCode} />

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
                      {part ? `${part.filled}/${part.expected} (${percent(part.ratio)})` : ''}
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
              {detail.previousYear !== null && (
                <TakePreviousDomain
                  previousYear={detail.previousYear}
                  domainLabel={DOMAIN_LABELS[domain]}
                  count={fillable.length}
                  onConfirm={() => {
                    entry.takePrevious(fillable);
                    return fillable.length;
                  }}
                />
              )}
            </div>
            {domainReadOnly ? (
              <Alert
                className={fr.cx('fr-mb-3w')}
                severity="info"
                small
                description={
                  ownDomains.length > 0
                    ? `Domaine en lecture seule pour vous : vous saisissez ${ownDomains.map((d) => `« ${DOMAIN_LABELS[d]} »`).join(', ')}.`
                    : 'Domaine en lecture seule pour vous.'
                }
              />
            ) : (
              <p className={fr.cx('fr-text--sm')}>
                Les données marquées d'un astérisque (*) sont obligatoires pour valider la saisie. Chaque
                modification est enregistrée automatiquement.
              </p>
            )}
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
                register={registerOf(item)}
                saved={detail.values[item.code]}
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
