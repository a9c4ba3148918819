import { useEffect, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { AccountStatus, Role } from '@tdb/contracts';
import { ROLES, ROLE_LABELS } from '@tdb/access';
import { FILTERABLE_STATUSES, STATUS_LABELS } from '../utils/labels';
import type { AccountSearchState } from '../utils/search-params';

/** Name or e-mail (applied on submit), role and status (applied on change). */
export function AccountsSearchForm({
  state,
  onChange,
}: {
  state: AccountSearchState;
  onChange: (patch: Partial<AccountSearchState>) => void;
}) {
  const [text, setText] = useState(state.q);
  // Follow the URL when it changes from elsewhere (back button, reset).
  useEffect(() => setText(state.q), [state.q]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ q: text });
  };
  const filtered = state.q !== '' || state.role !== '' || state.status !== '';

  return (
    <form role="search" aria-label="Rechercher un compte" onSubmit={handleSubmit} className="tdb-filters">
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
          <Input
            label="Nom, prénom ou adresse électronique"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              value: text,
              autoComplete: 'off',
              spellCheck: false,
              onChange: (event) => setText(event.target.value),
            }}
            addon={
              <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
                Rechercher
              </Button>
            }
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-3')}>
          <Select
            label="Rôle"
            nativeSelectProps={{
              name: 'role',
              value: state.role,
              onChange: (event) => onChange({ role: event.target.value as Role | '' }),
            }}
          >
            <option value="">Tous les rôles</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-3')}>
          <Select
            label="Statut"
            nativeSelectProps={{
              name: 'statut',
              value: state.status,
              onChange: (event) => onChange({ status: event.target.value as AccountStatus | '' }),
            }}
          >
            <option value="">Tous les statuts</option>
            {FILTERABLE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {filtered && (
        <div className="tdb-filters__reset">
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-close-circle-line"
            onClick={() => onChange({ q: '', role: '', status: '' })}
          >
            Réinitialiser les filtres
          </Button>
        </div>
      )}
    </form>
  );
}
