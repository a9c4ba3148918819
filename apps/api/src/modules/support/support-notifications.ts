import type { EmailMessage } from '../mail/mail.service';

/** The emails of the regional support, in French (issue 17 §2). `link` is the page to open. */
export const SUPPORT_EMAILS = {
  newQuestion: (
    to: string,
    q: {
      year: number;
      structureName: string;
      finess: string;
      subject: string;
      body: string;
      authority: string;
    },
    link: string,
  ): EmailMessage => ({
    to,
    subject: `[TDB ${q.year}] Nouvelle question de ${q.structureName}`,
    text:
      `Bonjour,\n\n${q.structureName} (FINESS ${q.finess}) a posé une question aux référents de ${q.authority} ` +
      `pour la campagne ${q.year} :\n\n« ${q.subject} »\n\n${q.body}\n\n` +
      `Pour y répondre, ouvrez la file « Questions reçues » : ${link}\n\n` +
      `Ce message est envoyé automatiquement par le tableau de bord de la performance (TDB).`,
  }),
  followUp: (
    to: string,
    q: { year: number; structureName: string; subject: string; body: string },
    link: string,
  ): EmailMessage => ({
    to,
    subject: `[TDB ${q.year}] Nouveau message de ${q.structureName} sur « ${q.subject.slice(0, 80)} »`,
    text:
      `Bonjour,\n\n${q.structureName} a écrit dans le fil de la question « ${q.subject} », qui vous est attribuée :\n\n` +
      `${q.body}\n\nPour lui répondre : ${link}\n\n` +
      `Ce message est envoyé automatiquement par le tableau de bord de la performance (TDB).`,
  }),
  answered: (
    to: string,
    q: { year: number; subject: string; authority: string },
    link: string,
  ): EmailMessage => ({
    to,
    subject: `[TDB ${q.year}] Réponse à votre question « ${q.subject.slice(0, 80)} »`,
    text:
      `Bonjour,\n\n${q.authority} a répondu à votre question « ${q.subject} » (campagne ${q.year}).\n\n` +
      `Pour lire la réponse et poursuivre l’échange : ${link}\n\n` +
      `Ce message est envoyé automatiquement par le tableau de bord de la performance (TDB).`,
  }),
};
