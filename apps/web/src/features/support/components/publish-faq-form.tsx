import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import type { SupportThread } from '@tdb/contracts';
import { useAuth } from '@/lib/auth/auth-provider';
import { usePublishFaq, type PublishInput } from '../api/questions';

/**
 * Publishes the question and its answer in the FAQ, anonymised: the texts start from the thread
 * (the question, the last answer) and are edited by the referent; the API refuses a text that
 * names the structure, its FINESS or the person who asked.
 */
export function PublishFaqForm({ year, thread }: { year: number; thread: SupportThread }) {
  const { permissions } = useAuth();
  const publish = usePublishFaq(year, thread.question.id);
  const first = thread.messages.find((m) => m.side === 'STRUCTURE');
  const lastAnswer = [...thread.messages].reverse().find((m) => m.side === 'AUTHORITY');
  const [question, setQuestion] = useState(first?.body ?? thread.question.subject);
  const [answer, setAnswer] = useState(lastAnswer?.body ?? '');
  const [target, setTarget] = useState<PublishInput['target']>('REGION');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (question.trim().length < 3 || answer.trim().length < 3) {
      setError('La question et la réponse publiées sont obligatoires.');
      return;
    }
    setError(null);
    publish.mutate(
      { question: question.trim(), answer: answer.trim(), target, version: thread.question.version },
      { onSuccess: () => setDone(true) },
    );
  };
  const fieldErrors = new Map((publish.error?.errors ?? []).map((e) => [e.field, e.message]));
  return (
    <section aria-labelledby="question-faq">
      <h2 id="question-faq" className={fr.cx('fr-h5')}>
        {thread.question.faqEntryId ? 'Mettre à jour dans la FAQ' : 'Publier dans la FAQ'}
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Reformulez sans nom de structure, de personne ni numéro FINESS : la FAQ est lue par toutes les
        structures de la région.
      </p>
      <form onSubmit={onSubmit} noValidate aria-label="Publier dans la FAQ">
        <Input
          label="Question publiée"
          textArea
          state={fieldErrors.get('question') ? 'error' : 'default'}
          stateRelatedMessage={fieldErrors.get('question')}
          nativeTextAreaProps={{
            value: question,
            rows: 4,
            maxLength: 2000,
            onChange: (e) => setQuestion(e.target.value),
          }}
        />
        <Input
          label="Réponse publiée"
          textArea
          state={fieldErrors.get('answer') ? 'error' : 'default'}
          stateRelatedMessage={fieldErrors.get('answer')}
          nativeTextAreaProps={{
            value: answer,
            rows: 6,
            maxLength: 5000,
            onChange: (e) => setAnswer(e.target.value),
          }}
        />
        <RadioButtons
          legend="Publier dans"
          small
          options={[
            {
              label: 'La FAQ de la région',
              nativeInputProps: { checked: target === 'REGION', onChange: () => setTarget('REGION') },
            },
            {
              label: 'La FAQ de la région, et la proposer à la FAQ nationale',
              nativeInputProps: {
                checked: target === 'NATIONAL_PROPOSAL',
                onChange: () => setTarget('NATIONAL_PROPOSAL'),
              },
            },
            ...(permissions.isNationalAdmin
              ? [
                  {
                    label: 'La FAQ nationale',
                    nativeInputProps: {
                      checked: target === 'NATIONAL',
                      onChange: () => setTarget('NATIONAL'),
                    },
                  },
                ]
              : []),
          ]}
        />
        <Button type="submit" disabled={publish.isPending}>
          Publier
        </Button>
        <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
          {error && <Alert severity="error" small role="alert" description={error} />}
          {done && <Alert severity="success" small description="La question est publiée dans la FAQ." />}
          {publish.error && <Alert severity="error" small role="alert" description={publish.error.message} />}
        </div>
      </form>
    </section>
  );
}
