import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useForgotPassword } from '@/features/auth/api/forgot-password';
import { paths } from '@/lib/paths';

/** The same text whether the address has an account or not: the page must not tell. */
export const FORGOT_PASSWORD_CONFIRMATION =
  'Si un compte correspond à cette adresse, un courriel contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé. Pensez à vérifier vos courriels indésirables.';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const forgot = useForgotPassword();
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (forgot.isSuccess || forgot.isError) resultRef.current?.focus();
  }, [forgot.isSuccess, forgot.isError]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      setFieldError(
        value === ''
          ? 'Saisissez votre adresse électronique.'
          : 'Saisissez une adresse électronique valide, par exemple nom@domaine.fr.',
      );
      event.currentTarget.querySelector<HTMLElement>('[name="email"]')?.focus();
      return;
    }
    setFieldError(undefined);
    forgot.mutate({ email: value });
  };

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Mot de passe oublié – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Mot de passe oublié"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Connexion', linkProps: { to: paths.login.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <h1>Mot de passe oublié</h1>
          {forgot.isSuccess ? (
            <div ref={resultRef} tabIndex={-1}>
              <Alert
                severity="success"
                as="h2"
                role="status"
                title="Demande enregistrée"
                description={FORGOT_PASSWORD_CONFIRMATION}
              />
              <p className={fr.cx('fr-mt-3w')}>
                <Link to={paths.login.href()} className={fr.cx('fr-link')}>
                  Revenir à la connexion
                </Link>
              </p>
            </div>
          ) : (
            <>
              <p className={fr.cx('fr-text--lead')}>
                Indiquez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un
                nouveau mot de passe.
              </p>
              {forgot.isError && (
                <div ref={resultRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
                  <Alert
                    severity="error"
                    role="alert"
                    title="La demande n'a pas abouti"
                    description={forgot.error.message}
                  />
                </div>
              )}
              <form onSubmit={handleSubmit} noValidate className="tdb-panel">
                <Input
                  label="Adresse électronique"
                  hintText="Format attendu : nom@domaine.fr"
                  state={fieldError ? 'error' : 'default'}
                  stateRelatedMessage={fieldError}
                  nativeInputProps={{
                    name: 'email',
                    type: 'email',
                    value: email,
                    autoComplete: 'email',
                    spellCheck: false,
                    required: true,
                    onChange: (event) => setEmail(event.target.value),
                  }}
                />
                <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
                  <li>
                    <Button type="submit" disabled={forgot.isPending}>
                      {forgot.isPending ? 'Envoi…' : 'Recevoir un lien'}
                    </Button>
                  </li>
                  <li>
                    <Button priority="secondary" linkProps={{ to: paths.login.href() }}>
                      Revenir à la connexion
                    </Button>
                  </li>
                </ul>
              </form>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export default ForgotPasswordPage;
