import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CampaignState, CampaignSummary } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useAuth } from '@/lib/auth/auth-provider';
import { useCampaigns } from '@/lib/api/get-campaigns';
import {
  useCampaignCommand,
  useCreateCampaign,
  useUpdateCampaign,
  type CampaignCommand,
} from '@/features/campaigns/api/save-campaign';
import { CampaignForm } from '@/features/campaigns/components/campaign-form';
import { percent } from '@/lib/format';
import { IndicatorJobs } from '@/features/indicators/components/indicator-jobs';
import { paths } from '@/lib/paths';

const STATE_LABELS: Record<CampaignState, string> = {
  DRAFT: 'En préparation',
  OPEN: 'Ouverte',
  CLOSED: 'Close',
};
const STATE_SEVERITIES: Record<CampaignState, 'info' | 'success' | undefined> = {
  DRAFT: 'info',
  OPEN: 'success',
  CLOSED: undefined,
};

import { ExtendCollection } from '@/features/campaigns/components/extend-collection';
/** Edit, open or close one campaign (national administrator), each change with the version seen. */
function CampaignAdmin({ campaign }: { campaign: CampaignSummary }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<CampaignCommand | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const update = useUpdateCampaign(campaign.year);
  const command = useCampaignCommand(campaign.year);
  const error = update.error ?? command.error;

  return (
    <section className="tdb-panel fr-mb-3w" aria-label={`Administrer la campagne ${campaign.year}`}>
      <h3 className={fr.cx('fr-h6')}>Campagne {campaign.year}</h3>
      {!editing && !confirming && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
          {campaign.state !== 'CLOSED' && (
            <li>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setMessage(null);
                  setEditing(true);
                }}
              >
                Modifier le calendrier et le seuil
              </Button>
            </li>
          )}
          {campaign.state === 'DRAFT' && (
            <li>
              <Button
                size="small"
                onClick={() => {
                  setMessage(null);
                  setConfirming('open');
                }}
              >
                Ouvrir la campagne
              </Button>
            </li>
          )}
          {campaign.state === 'OPEN' && (
            <li>
              <Button
                size="small"
                priority="secondary"
                onClick={() => {
                  setMessage(null);
                  setConfirming('close');
                }}
              >
                Clore la campagne
              </Button>
            </li>
          )}
        </ul>
      )}
      {editing && (
        <CampaignForm
          withYear={false}
          initial={{ year: campaign.year, dates: campaign.dates, threshold: campaign.threshold }}
          submitLabel="Enregistrer"
          busy={update.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={(values) =>
            update.mutate(
              { version: campaign.version, dates: values.dates, threshold: values.threshold },
              {
                onSuccess: () => {
                  setEditing(false);
                  setMessage(`Le calendrier et le seuil de la campagne ${campaign.year} sont enregistrés.`);
                },
              },
            )
          }
        />
      )}
      {confirming && (
        <div role="group" aria-label="Confirmation">
          <p>
            {confirming === 'open'
              ? `Ouvrir la campagne ${campaign.year} ? Les structures pourront saisir leurs données selon le calendrier.`
              : `Clore la campagne ${campaign.year} ? Plus aucune saisie ni validation ne sera possible.`}
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm')}>
            <li>
              <Button
                size="small"
                disabled={command.isPending}
                onClick={() =>
                  command.mutate(
                    { command: confirming, version: campaign.version },
                    {
                      onSuccess: () => {
                        setMessage(
                          confirming === 'open' ? 'La campagne est ouverte.' : 'La campagne est close.',
                        );
                        setConfirming(null);
                      },
                    },
                  )
                }
              >
                {confirming === 'open' ? "Confirmer l'ouverture" : 'Confirmer la clôture'}
              </Button>
            </li>
            <li>
              <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
      <div aria-live="polite">{message && <Alert severity="success" small description={message} />}</div>
      {error && (
        <Alert
          className={fr.cx('fr-mt-2w')}
          severity="error"
          small
          role="alert"
          description={
            error.statusCode === 409
              ? `${error.message} Rechargez la page pour voir la version actuelle.`
              : error.message
          }
        />
      )}
      <ExtendCollection campaign={campaign} />
      {campaign.state === 'OPEN' && <IndicatorJobs year={campaign.year} />}
    </section>
  );
}

export function CampaignsPage() {
  const { permissions } = useAuth();
  const campaigns = useCampaigns();
  const create = useCreateCampaign();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const admin = permissions.isNationalAdmin;

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`Campagnes – ${SERVICE_TITLE}`}</title>
      <div className="tdb-page-header fr-mb-4w">
        <h1 className={fr.cx('fr-mb-0')}>Campagnes</h1>
        {admin && !creating && (
          <Button iconId="fr-icon-add-line" onClick={() => setCreating(true)}>
            Créer une campagne
          </Button>
        )}
      </div>
      {creating && (
        <section className="tdb-panel fr-mb-4w" aria-labelledby="nouvelle-campagne">
          <h2 id="nouvelle-campagne" className={fr.cx('fr-h5')}>
            Nouvelle campagne
          </h2>
          {create.error && <Alert severity="error" small role="alert" description={create.error.message} />}
          <CampaignForm
            withYear
            submitLabel="Créer la campagne"
            busy={create.isPending}
            onCancel={() => setCreating(false)}
            onSubmit={(values) =>
              create.mutate(values, {
                onSuccess: (campaign) => {
                  setCreating(false);
                  setCreated(
                    `La campagne ${campaign.year} est créée ; ouvrez-la quand le calendrier est prêt.`,
                  );
                },
              })
            }
          />
        </section>
      )}
      <div aria-live="polite">{created && <Alert severity="success" small description={created} />}</div>

      {campaigns.isPending ? (
        <PageLoader label="Chargement des campagnes…" />
      ) : campaigns.isError ? (
        <QueryError error={campaigns.error} headingAs="h2" onRetry={() => void campaigns.refetch()} />
      ) : campaigns.data.length === 0 ? (
        <Alert severity="info" small description="Aucune campagne n'a encore été créée." />
      ) : (
        <>
          <DataTable<CampaignSummary>
            caption="Campagnes"
            hideCaption
            rows={campaigns.data}
            rowKey={(c) => String(c.year)}
            columns={[
              {
                key: 'year',
                header: 'Campagne',
                rowHeader: true,
                cell: (c) => (
                  <>
                    <Link to={paths.campaignSubmissions.href(c.year)}>Campagne {c.year}</Link>
                    <br />
                    <span className={fr.cx('fr-text--xs')}>données {c.dataYear}</span>
                  </>
                ),
              },
              {
                key: 'state',
                header: 'État',
                cell: (c) => (
                  <Badge
                    small
                    noIcon
                    {...(STATE_SEVERITIES[c.state] ? { severity: STATE_SEVERITIES[c.state] } : {})}
                  >
                    {STATE_LABELS[c.state]}
                  </Badge>
                ),
              },
              { key: 'phase', header: 'Phase', cell: (c) => c.phaseLabel },
              {
                key: 'collection',
                header: 'Collecte',
                cell: (c) =>
                  `du ${formatDateFr(c.dates.collectionStart)} au ${formatDateFr(c.dates.collectionEnd)}`,
              },
              {
                key: 'fiabilisation',
                header: 'Fiabilisation',
                cell: (c) =>
                  `du ${formatDateFr(c.dates.fiabilisationStart)} au ${formatDateFr(c.dates.fiabilisationEnd)}`,
              },
              { key: 'threshold', header: 'Seuil', cell: (c) => percent(c.threshold) },
              { key: 'dictionary', header: 'Dictionnaire', cell: (c) => c.dictionaryVersion },
            ]}
          />
          {admin && (
            <section className={fr.cx('fr-mt-4w')} aria-labelledby="administration">
              <h2 id="administration" className={fr.cx('fr-h5')}>
                Administration des campagnes
              </h2>
              {campaigns.data.map((c) => (
                <CampaignAdmin key={c.year} campaign={c} />
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}
