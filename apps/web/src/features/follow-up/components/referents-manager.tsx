import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { AuthorityRef, ReferentDto } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatPhone } from '@/lib/format';
import { useCreateReferent, useDeleteReferent, useReferents } from '../api/referents';

interface Draft {
  name: string;
  email: string;
  phone: string;
  roleLabel: string;
}

type Field = keyof Draft;
type Errors = Partial<Record<Field, string>>;

const FIELDS: Field[] = ['name', 'email', 'phone', 'roleLabel'];
const EMPTY: Draft = { name: '', email: '', phone: '', roleLabel: '' };

function check(draft: Draft): Errors {
  const errors: Errors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Le nom du référent est obligatoire.';
  else if (name.length < 2) errors.name = 'Le nom du référent doit compter au moins 2 caractères.';
  else if (name.length > 120) errors.name = 'Le nom du référent ne doit pas dépasser 120 caractères.';
  const email = draft.email.trim();
  if (email === '') errors.email = 'Le courriel du référent est obligatoire.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    errors.email = 'Saisissez une adresse valide, par exemple prenom.nom@ars.sante.fr.';
  const phone = draft.phone.trim();
  if (phone !== '' && !/^\+?[0-9 .()-]{6,25}$/.test(phone)) errors.phone = 'Numéro de téléphone invalide.';
  if (draft.roleLabel.trim().length > 120)
    errors.roleLabel = 'La fonction ne doit pas dépasser 120 caractères.';
  return errors;
}

/** The TDB referents of one ARS or CD: the list, and (for its APR or the national) add and remove. */
export function ReferentsManager({
  authority,
  authorityName,
  canManage,
}: {
  authority: AuthorityRef;
  authorityName: string;
  canManage: boolean;
}) {
  const referents = useReferents(authority);
  const create = useCreateReferent();
  const remove = useDeleteReferent();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState<ReferentDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (create.error) errorRef.current?.focus();
  }, [create.error]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (notice || remove.error) noticeRef.current?.focus();
  }, [notice, remove.error]);

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const apiField = (field: Field) => create.error?.errors?.find((e) => e.field === field)?.message;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check(draft);
    setErrors(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setNotice(null);
    const phone = draft.phone.trim();
    const roleLabel = draft.roleLabel.trim();
    create.mutate(
      {
        organisation: authority,
        name: draft.name.trim(),
        email: draft.email.trim(),
        ...(phone ? { phone } : {}),
        ...(roleLabel ? { roleLabel } : {}),
      },
      {
        onSuccess: (referent) => {
          setDraft(EMPTY);
          create.reset();
          setNotice(`${referent.name} a été ajouté(e) aux référents.`);
        },
      },
    );
  };

  const fieldError = (field: Field) => errors[field] ?? apiField(field);

  return (
    <>
      <div ref={noticeRef} tabIndex={-1}>
        {notice && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            role="status"
            small
            description={notice}
            closable
            onClose={() => setNotice(null)}
          />
        )}
        {remove.error && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            role="alert"
            title="Le référent n'a pas été retiré"
            description={remove.error.message}
          />
        )}
      </div>

      {confirming && (
        <div ref={confirmRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="warning"
            title={`Retirer ${confirming.name} des référents ?`}
            description={
              <>
                <span>Les structures ne verront plus ce contact parmi les référents de {authorityName}.</span>
                <span className={fr.cx('fr-mt-2w')} style={{ display: 'block' }}>
                  <Button
                    size="small"
                    className={fr.cx('fr-mr-2w')}
                    disabled={remove.isPending}
                    onClick={() =>
                      remove.mutate(confirming.id, {
                        onSuccess: () => {
                          setNotice(`${confirming.name} a été retiré(e) des référents.`);
                          setConfirming(null);
                        },
                        onError: () => setConfirming(null),
                      })
                    }
                  >
                    {remove.isPending ? 'Retrait…' : 'Confirmer le retrait'}
                  </Button>
                  <Button
                    size="small"
                    priority="secondary"
                    disabled={remove.isPending}
                    onClick={() => setConfirming(null)}
                  >
                    Annuler
                  </Button>
                </span>
              </>
            }
          />
        </div>
      )}

      <section aria-labelledby="liste-referents" className={fr.cx('fr-mb-4w')}>
        <h2 id="liste-referents" className={fr.cx('fr-h5')}>
          Référents de {authorityName}
        </h2>
        {referents.isPending ? (
          <PageLoader label="Chargement des référents…" />
        ) : referents.isError ? (
          <QueryError error={referents.error} onRetry={() => void referents.refetch()} />
        ) : referents.data.length === 0 ? (
          <Alert severity="info" small description="Aucun référent n'est encore désigné." />
        ) : (
          <DataTable<ReferentDto>
            caption={`Référents de ${authorityName}`}
            hideCaption
            rows={referents.data}
            rowKey={(row) => row.id}
            columns={[
              { key: 'name', header: 'Nom', rowHeader: true, cell: (row) => row.name },
              { key: 'roleLabel', header: 'Fonction', cell: (row) => row.roleLabel ?? '—' },
              {
                key: 'email',
                header: 'Courriel',
                cell: (row) => <a href={`mailto:${row.email}`}>{row.email}</a>,
              },
              { key: 'phone', header: 'Téléphone', cell: (row) => formatPhone(row.phone) ?? '—' },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      header: 'Actions',
                      cell: (row: ReferentDto) => (
                        <Button
                          size="small"
                          priority="tertiary"
                          iconId="fr-icon-delete-line"
                          onClick={() => {
                            remove.reset();
                            setNotice(null);
                            setConfirming(row);
                          }}
                          nativeButtonProps={{ 'aria-label': `Retirer ${row.name}` }}
                        >
                          Retirer
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </section>

      {canManage && (
        <form onSubmit={onSubmit} noValidate className="tdb-panel" aria-labelledby="ajout-referent">
          <h2 id="ajout-referent" className={fr.cx('fr-h5')}>
            Ajouter un référent
          </h2>
          {create.error && (
            <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
              <Alert
                severity="error"
                role="alert"
                title="Le référent n'a pas été ajouté"
                description={create.error.message}
              />
            </div>
          )}
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Input
                label="Nom et prénom"
                state={fieldError('name') ? 'error' : 'default'}
                stateRelatedMessage={fieldError('name')}
                nativeInputProps={{
                  name: 'name',
                  value: draft.name,
                  maxLength: 120,
                  autoComplete: 'off',
                  onChange: (e) => set({ name: e.target.value }),
                }}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Input
                label="Courriel"
                hintText="Format attendu : prenom.nom@domaine.fr"
                state={fieldError('email') ? 'error' : 'default'}
                stateRelatedMessage={fieldError('email')}
                nativeInputProps={{
                  name: 'email',
                  type: 'email',
                  value: draft.email,
                  autoComplete: 'off',
                  onChange: (e) => set({ email: e.target.value }),
                }}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Input
                label="Téléphone (facultatif)"
                hintText="Par exemple 02 38 00 00 00"
                state={fieldError('phone') ? 'error' : 'default'}
                stateRelatedMessage={fieldError('phone')}
                nativeInputProps={{
                  name: 'phone',
                  type: 'tel',
                  value: draft.phone,
                  autoComplete: 'off',
                  onChange: (e) => set({ phone: e.target.value }),
                }}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Input
                label="Fonction (facultatif)"
                hintText="Par exemple « Référente TDB médico-social »"
                state={fieldError('roleLabel') ? 'error' : 'default'}
                stateRelatedMessage={fieldError('roleLabel')}
                nativeInputProps={{
                  name: 'roleLabel',
                  value: draft.roleLabel,
                  maxLength: 120,
                  onChange: (e) => set({ roleLabel: e.target.value }),
                }}
              />
            </div>
          </div>
          <Button type="submit" iconId="fr-icon-add-line" disabled={create.isPending}>
            {create.isPending ? 'Ajout…' : 'Ajouter le référent'}
          </Button>
        </form>
      )}
    </>
  );
}
