import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Account, ReferenceDepartment, ReferenceRegion } from '@tdb/contracts';
import { useAddGrant } from '../api/add-grant';
import {
  EMPTY_GRANT_DRAFT,
  checkGrantDraft,
  toGrantInput,
  type GrantDraft,
  type GrantDraftErrors,
  type KindOption,
} from '../utils/grant-targets';
import { GrantFields, draftForKind } from './grant-fields';
import { PrincipalTransferFields } from './principal-transfer-fields';
import { TRANSFER_REQUIRED, useTransferChoice } from '../hooks/use-transfer-choice';

/** Adds one grant to an existing account; the API's refusal (403, 409) is shown as it says it. */
export function AddGrantForm({
  accountId,
  options,
  regions,
  departments,
  onAdded,
  onCancel,
}: {
  accountId: string;
  options: KindOption[];
  regions: readonly ReferenceRegion[];
  departments: readonly ReferenceDepartment[];
  onAdded: (account: Account) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<GrantDraft>(() => {
    const only = options.length === 1 ? options[0] : undefined;
    return only ? draftForKind(EMPTY_GRANT_DRAFT, only) : EMPTY_GRANT_DRAFT;
  });
  const [errors, setErrors] = useState<GrantDraftErrors>({});
  const [transferError, setTransferError] = useState<string>();
  const transfer = useTransferChoice(draft);
  const add = useAddGrant(accountId);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (add.error) errorRef.current?.focus();
  }, [add.error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkGrantDraft(draft);
    const foundTransfer = transfer.taken && transfer.value === '' ? TRANSFER_REQUIRED : undefined;
    setErrors(found);
    setTransferError(foundTransfer);
    if (Object.keys(found).length > 0) {
      const first = (['kind', 'code', 'role', 'rights', 'validUntil'] as const).find((f) => found[f]);
      event.currentTarget
        .querySelector<HTMLElement>(`[name="${first}"], [name="organisationSearch"]`)
        ?.focus();
      return;
    }
    if (foundTransfer) {
      event.currentTarget.querySelector<HTMLElement>('[name="transfer"]')?.focus();
      return;
    }
    add.mutate({ ...toGrantInput(draft), ...transfer.request }, { onSuccess: onAdded });
  };

  return (
    <form onSubmit={handleSubmit} noValidate className="tdb-panel" aria-labelledby="ajout-habilitation-titre">
      <h3 id="ajout-habilitation-titre" className={fr.cx('fr-h6')}>
        Ajouter une habilitation
      </h3>
      {add.error && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={
              add.error.statusCode === 403
                ? 'Vous ne pouvez pas donner cette habilitation'
                : add.error.code === 'PRINCIPAL_HELD'
                  ? 'Cette organisation a déjà son administrateur principal'
                  : "L'habilitation n'a pas été ajoutée"
            }
            description={add.error.message}
          />
        </div>
      )}
      <GrantFields
        options={options}
        draft={draft}
        onChange={setDraft}
        errors={errors}
        regions={regions}
        departments={departments}
      />
      <PrincipalTransferFields
        seat={transfer.seat}
        value={transfer.value}
        onChange={(previous) => {
          transfer.choose(previous);
          setTransferError(undefined);
        }}
        error={transferError}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending
              ? 'Ajout…'
              : transfer.taken
                ? 'Transférer le rôle à ce compte'
                : "Ajouter l'habilitation"}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel} disabled={add.isPending}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
