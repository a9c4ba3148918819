/**
 * The regional support of the demo (issue 17 §2): a few questions of the demo structures to their
 * ARS and Département (new, answered, closed), and FAQ entries of the demo region and of the
 * national FAQ, so that « Mes questions », « Questions reçues » and the FAQ can be walked at once.
 * Called by seed-demo-campaigns.ts in its transaction, after the 2026 campaign is inserted.
 */
import type { EntityManager } from 'typeorm';
import { toSearchText } from '../../apps/api/src/common/text/search-text';

interface DemoAccountRow {
  id: string;
  email: string;
  name: string;
  organisation_kind: string;
  organisation_code: string;
}

interface Question {
  asker: string;
  subject: string;
  body: string;
  itemCode: string | null;
  indicatorCode: string | null;
  page: (finess: string) => string;
  daysAgo: number;
  answer?: { by: string; body: string; hoursLater: number };
  closed?: boolean;
}

export async function seedDemoSupport(
  db: EntityManager,
  year: number,
  indicatorCode: string | null,
): Promise<number> {
  const accounts: DemoAccountRow[] = await db.query(
    `SELECT a.id, a.email, a.first_name || ' ' || a.last_name AS name, g.organisation_kind, g.organisation_code
       FROM accounts a JOIN grants g ON g.account_id = a.id WHERE a.email LIKE '%@tdb.localhost'`,
  );
  const byEmail = new Map(accounts.map((a) => [a.email, a]));
  const form = (finess: string) => `/campagnes/${year}/structures/${finess}`;
  const questions: Question[] = [
    {
      asker: 'ape.ehpad@tdb.localhost',
      subject: 'Personnes accueillies en hébergement temporaire',
      body: 'Faut-il compter dans les personnes accompagnées au 31/12 les résidents en hébergement temporaire présents ce jour-là ?',
      itemCode: 'personnes_accompagnees_31_12',
      indicatorCode: null,
      page: form,
      daysAgo: 6,
      answer: {
        by: 'controleur.ars@tdb.localhost',
        body: 'Oui : comptez toutes les personnes présentes au 31 décembre, hébergement temporaire compris.',
        hoursLater: 20,
      },
    },
    {
      asker: 'ape.ehpad@tdb.localhost',
      subject: 'Date limite de validation',
      body: 'Notre directrice est absente la dernière semaine de la collecte : pouvons-nous valider après la date limite ?',
      itemCode: null,
      indicatorCode: null,
      page: () => '/',
      daysAgo: 1,
    },
    {
      asker: 'ape.foyer@tdb.localhost',
      subject: 'Calcul du taux d’occupation',
      body: 'Le taux d’occupation tient-il compte des journées d’absence pour hospitalisation ?',
      itemCode: null,
      indicatorCode,
      page: (finess) => `/campagnes/${year}/structures/${finess}/indicateurs`,
      daysAgo: 3,
    },
    {
      asker: 'ape.ime@tdb.localhost',
      subject: 'Effectifs au 31/12',
      body: 'Les stagiaires sont-ils comptés dans les effectifs ?',
      itemCode: null,
      indicatorCode: null,
      page: form,
      daysAgo: 10,
      answer: {
        by: 'apr.ars@tdb.localhost',
        body: 'Non, les stagiaires ne sont pas comptés : seules les personnes salariées au 31/12.',
        hoursLater: 50,
      },
      closed: true,
    },
  ];
  let count = 0;
  for (const q of questions) {
    const asker = byEmail.get(q.asker);
    if (!asker || asker.organisation_kind !== 'ESMS') continue;
    const finess = asker.organisation_code;
    const answerer = q.answer ? byEmail.get(q.answer.by) : undefined;
    const status = q.closed ? 'CLOSED' : q.answer && answerer ? 'ANSWERED' : 'NEW';
    const [{ id }] = await db.query(
      `INSERT INTO support_questions (campaign_year, finess, subject, page_path, item_code, indicator_code, status,
                                      asked_by, asked_by_name, created_at, first_answered_at, closed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(days => $10),
               CASE WHEN $11::int IS NULL THEN NULL ELSE now() - make_interval(days => $10) + make_interval(hours => $11) END,
               CASE WHEN $7 = 'CLOSED' THEN now() - make_interval(days => 1) END, now())
       RETURNING id`,
      [
        year,
        finess,
        q.subject,
        q.page(finess),
        q.itemCode,
        q.indicatorCode,
        status,
        asker.id,
        asker.name,
        q.daysAgo,
        q.answer && answerer ? q.answer.hoursLater : null,
      ],
    );
    await db.query(
      `INSERT INTO support_messages (question_id, side, author_id, author_name, body, created_at)
       VALUES ($1, 'STRUCTURE', $2, $3, $4, now() - make_interval(days => $5))`,
      [id, asker.id, asker.name, q.body, q.daysAgo],
    );
    if (q.answer && answerer) {
      await db.query(
        `INSERT INTO support_messages (question_id, side, author_id, author_name, body, created_at)
         VALUES ($1, 'AUTHORITY', $2, $3, $4, now() - make_interval(days => $5) + make_interval(hours => $6))`,
        [id, answerer.id, answerer.name, q.answer.body, q.daysAgo, q.answer.hoursLater],
      );
    }
    count++;
  }

  const apr = byEmail.get('apr.ars@tdb.localhost');
  const region = apr?.organisation_kind === 'ARS' ? apr.organisation_code : null;
  const entries = [
    {
      regionCode: region,
      question:
        'Faut-il compter les personnes en hébergement temporaire dans les personnes accompagnées au 31/12 ?',
      answer:
        'Oui : toutes les personnes présentes au 31 décembre sont comptées, hébergement temporaire compris.',
      itemCode: 'personnes_accompagnees_31_12',
      indicatorCode: null,
      authority: region ? ['ARS', region] : null,
    },
    {
      regionCode: region,
      question: 'Les stagiaires sont-ils comptés dans les effectifs au 31/12 ?',
      answer: 'Non. Seules les personnes salariées de la structure au 31 décembre sont comptées.',
      itemCode: null,
      indicatorCode: null,
      authority: region ? ['ARS', region] : null,
    },
    {
      regionCode: null,
      question: 'Que faire si une donnée n’est pas disponible dans notre système d’information ?',
      answer:
        'Laissez la donnée vide si elle n’est pas obligatoire, et précisez-le à vos référents par « Poser une question » ; une donnée obligatoire doit être estimée au plus juste.',
      itemCode: null,
      indicatorCode,
      authority: null,
    },
  ];
  for (const e of entries) {
    if (e.regionCode === null && e.authority !== null) continue;
    await db.query(
      `INSERT INTO faq_entries (campaign_year, level, region_code, question, answer, item_code, indicator_code, search_text,
                                authority_kind, authority_code, published_by_name, national_published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Données de démonstration', CASE WHEN $2 = 'NATIONAL' THEN now() END)`,
      [
        year,
        e.regionCode ? 'REGION' : 'NATIONAL',
        e.regionCode,
        e.question,
        e.answer,
        e.itemCode,
        e.indicatorCode,
        toSearchText(e.question, e.answer),
        e.authority?.[0] ?? null,
        e.authority?.[1] ?? null,
      ],
    );
  }
  return count;
}
