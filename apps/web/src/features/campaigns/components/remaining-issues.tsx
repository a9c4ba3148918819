import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { DomainCode, ItemIssue, SubmissionDetail } from '@tdb/contracts';
import { DOMAIN_LABELS, type Item } from '@tdb/dictionary';
import { fieldId } from './item-field';

/** A link to an item's field: the form switches to its domain, scrolls to it and focuses it. */
export function issueHref(itemCode: string, domain: DomainCode): string {
  return `?domaine=${domain}#${fieldId(itemCode)}`;
}

interface Group {
  key: string;
  /** Who fixes these items; null when the reader fixes them all (no heading). */
  title: string | null;
  issues: ItemIssue[];
}

function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} et ${list[list.length - 1]}`;
}

/**
 * Blocking items grouped by who can fix them: the reader, the organisme gestionnaire (OG-level
 * items), or whoever enters each domain the reader may not. A reader who enters nothing (an
 * authority, a read-only account) gets one list.
 */
export function groupByFixer(
  detail: SubmissionDetail,
  issues: readonly ItemIssue[],
  itemsByCode: ReadonlyMap<string, Item>,
): Group[] {
  const entersSomething = detail.editableDomains.length > 0 || detail.canEditOgItems;
  if (!entersSomething) return issues.length ? [{ key: 'all', title: null, issues: [...issues] }] : [];
  const groups = new Map<string, Group>();
  const add = (key: string, title: string | null, issue: ItemIssue) => {
    const group = groups.get(key) ?? { key, title, issues: [] };
    group.issues.push(issue);
    groups.set(key, group);
  };
  for (const issue of issues) {
    const item = itemsByCode.get(issue.itemCode);
    if (item?.ogLevel) {
      if (detail.canEditOgItems) add('mine', 'Par vous', issue);
      else add('og', `Par l'organisme gestionnaire (${detail.ogName})`, issue);
    } else if (detail.editableDomains.includes(issue.domain)) {
      add('mine', 'Par vous', issue);
    } else {
      const who = detail.assignments
        .filter((a) => a.domains === null || a.domains.includes(issue.domain))
        .map((a) => a.name);
      const domain = `« ${DOMAIN_LABELS[issue.domain]} »`;
      add(
        `domain:${issue.domain}`,
        who.length > 0
          ? `Par ${names(who)} (domaine ${domain})`
          : `Par les personnes qui saisissent le domaine ${domain} (l'APE de la structure les désigne)`,
        issue,
      );
    }
  }
  const list = [...groups.values()].sort((a, b) => (a.key === 'mine' ? -1 : b.key === 'mine' ? 1 : 0));
  // Only the reader concerned: no need to say who.
  if (list.length === 1 && list[0]?.key === 'mine') return [{ ...list[0], title: null }];
  return list;
}

function IssueList({ issues, kind }: { issues: readonly ItemIssue[]; kind: 'blocking' | 'warning' }) {
  return (
    <ul className="tdb-issues">
      {issues.map((issue) => (
        <li key={`${issue.itemCode}-${kind}`} className={`tdb-issue tdb-issue--${kind}`}>
          <Link to={issueHref(issue.itemCode, issue.domain)}>{issue.itemLabel}</Link> (
          {DOMAIN_LABELS[issue.domain]}) : {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** « Ce qui reste à faire »: blocking items by who fixes them, then warnings; each links to its field. */
export function RemainingIssues({
  detail,
  itemsByCode,
}: {
  detail: SubmissionDetail;
  itemsByCode: ReadonlyMap<string, Item>;
}) {
  const blocking = detail.issues.filter((i) => i.blocking);
  const warnings = detail.issues.filter((i) => !i.blocking);
  if (blocking.length === 0 && warnings.length === 0) return null;
  const groups = groupByFixer(detail, blocking, itemsByCode);
  return (
    <section className="tdb-panel fr-mb-3w" aria-labelledby="reste-a-faire">
      <h2 id="reste-a-faire" className={fr.cx('fr-h5')}>
        Ce qui reste à faire
      </h2>
      {blocking.length > 0 && (
        <p className={fr.cx('fr-mb-1w')}>
          {blocking.length === 1
            ? '1 point bloque la validation :'
            : `${blocking.length} points bloquent la validation :`}
        </p>
      )}
      {groups.map((group) =>
        group.title === null ? (
          <IssueList key={group.key} issues={group.issues} kind="blocking" />
        ) : (
          <div key={group.key}>
            <h3 className={fr.cx('fr-text--md', 'fr-text--bold', 'fr-mb-1v', 'fr-mt-2w')}>
              {group.title} ({group.issues.length})
            </h3>
            <IssueList issues={group.issues} kind="blocking" />
          </div>
        ),
      )}
      {warnings.length > 0 && (
        <>
          <p className={fr.cx('fr-mb-1w', 'fr-mt-2w')}>À vérifier (n'empêche pas la validation) :</p>
          <IssueList issues={warnings} kind="warning" />
        </>
      )}
    </section>
  );
}
