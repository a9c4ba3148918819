import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { AuthorityRef } from '@tdb/contracts';
import { useReference } from '@/lib/api/get-reference';
import {
  authorityKey,
  parseAuthorityKey,
  type AuthorityAccess,
  type OwnAuthority,
} from '@/lib/auth/authorities';

export type AuthorityNeed = 'follow' | 'communicate' | 'referents';

function ownFor(access: AuthorityAccess, need: AuthorityNeed): OwnAuthority[] {
  if (need === 'communicate') return access.own.filter((o) => o.canCommunicate);
  if (need === 'referents') return access.own.filter((o) => o.canManageReferents);
  return access.own;
}

/**
 * The ARS or CD a page works for: the user's own one (chosen when it has several), or, for the
 * national administrator, any ARS or CD; null until chosen.
 */
export function useAuthorityChoice(access: AuthorityAccess, need: AuthorityNeed) {
  const own = ownFor(access, need);
  const [chosen, setChosen] = useState<AuthorityRef | null>(null);
  const value = chosen ?? (access.national ? null : (own[0]?.ref ?? null));
  return { value, onChange: setChosen, own };
}

/** Picks the authority (see `useAuthorityChoice`). */
export function AuthorityPicker({
  access,
  own,
  value,
  onChange,
  legend,
  hint,
  idPrefix,
}: {
  access: AuthorityAccess;
  own: OwnAuthority[];
  value: AuthorityRef | null;
  onChange: (value: AuthorityRef | null) => void;
  legend: string;
  hint?: string;
  idPrefix: string;
}) {
  const reference = useReference();
  const [kind, setKind] = useState<'ARS' | 'CD' | ''>(value?.kind ?? '');

  if (access.national) {
    const choices =
      kind === 'ARS'
        ? (reference.data?.regions ?? []).map((r) => ({ code: r.code, text: r.name }))
        : (reference.data?.departments ?? []).map((d) => ({ code: d.code, text: `${d.code} – ${d.name}` }));
    return (
      <div className={fr.cx('fr-mb-2w')}>
        <RadioButtons
          legend={legend}
          hintText={hint}
          orientation="horizontal"
          options={(['ARS', 'CD'] as const).map((k) => ({
            label: k === 'ARS' ? 'Agence régionale de santé (ARS)' : 'Conseil départemental (CD)',
            nativeInputProps: {
              name: `${idPrefix}-kind`,
              value: k,
              checked: kind === k,
              onChange: () => {
                setKind(k);
                onChange(null);
              },
            },
          }))}
        />
        {kind !== '' && (
          <Select
            label={kind === 'ARS' ? "Région de l'ARS" : 'Département'}
            disabled={choices.length === 0}
            hint={choices.length === 0 ? 'Chargement de la liste…' : undefined}
            nativeSelectProps={{
              name: `${idPrefix}-code`,
              value: value?.kind === kind ? value.code : '',
              onChange: (event) => onChange(event.target.value ? { kind, code: event.target.value } : null),
            }}
          >
            <option value="" disabled>
              {kind === 'ARS' ? 'Sélectionnez une région' : 'Sélectionnez un département'}
            </option>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.text}
              </option>
            ))}
          </Select>
        )}
      </div>
    );
  }

  if (own.length === 0) return null;
  if (own.length === 1 && own[0]) {
    return (
      <p>
        {legend} : <strong>{own[0].label}</strong>
      </p>
    );
  }
  return (
    <Select
      label={legend}
      hint={hint}
      nativeSelectProps={{
        name: `${idPrefix}-authority`,
        value: value ? authorityKey(value) : '',
        onChange: (event) => onChange(parseAuthorityKey(event.target.value)),
      }}
    >
      {own.map((o) => (
        <option key={authorityKey(o.ref)} value={authorityKey(o.ref)}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
