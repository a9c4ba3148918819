/** Regional support (issue 17 §2): structures' questions to their ARS / Département, and the FAQ. */

export type SupportQuestionStatus = 'NEW' | 'ANSWERED' | 'CLOSED';
export const SUPPORT_QUESTION_STATUSES: readonly SupportQuestionStatus[] = ['NEW', 'ANSWERED', 'CLOSED'];

/** Which side wrote a message: the structure (asker, its colleagues) or its authorities. */
export type SupportSide = 'STRUCTURE' | 'AUTHORITY';

export interface SupportAuthorityDto {
  kind: 'ARS' | 'CD';
  code: string;
  name: string;
}

/** A question as the queue and « Mes questions » list it. */
export interface SupportQuestionSummary {
  id: string;
  campaignYear: number;
  finess: string;
  structureName: string;
  categoryCode: string;
  subject: string;
  /** Path of the SPA page the question was asked from (« /campagnes/2026/saisie/… »). */
  pagePath: string | null;
  itemCode: string | null;
  indicatorCode: string | null;
  status: SupportQuestionStatus;
  /** The authorities the question was sent to (both for a shared competence). */
  authorities: SupportAuthorityDto[];
  askedByName: string;
  assignedToId: string | null;
  assignedToName: string | null;
  messageCount: number;
  createdAt: string;
  firstAnsweredAt: string | null;
  updatedAt: string;
  /** Optimistic concurrency: send it back with a change. */
  version: number;
  /** The FAQ entry made of it, if published. */
  faqEntryId: string | null;
}

export interface SupportMessageDto {
  id: string;
  side: SupportSide;
  authorName: string;
  body: string;
  createdAt: string;
}

/** A question with its thread and what the reader may do. */
export interface SupportThread {
  question: SupportQuestionSummary;
  messages: SupportMessageDto[];
  /** May post in the thread (the structure's side, or a referent). */
  canPost: boolean;
  /** May answer, assign, close / reopen and publish (APR / CONTROLLER of a competent authority, national). */
  canManage: boolean;
}

export type FaqLevel = 'REGION' | 'NATIONAL';

export interface FaqEntryDto {
  id: string;
  campaignYear: number;
  level: FaqLevel;
  /** Region of a regional entry; null for the national FAQ. */
  regionCode: string | null;
  regionName: string | null;
  question: string;
  answer: string;
  itemCode: string | null;
  indicatorCode: string | null;
  categoryCode: string | null;
  /** Proposed to the national FAQ and not yet published there. */
  proposedNational: boolean;
  publishedAt: string;
  authorityName: string;
  /** Optimistic concurrency: send it back to withdraw the entry. */
  version: number;
  /** May the reader withdraw it (faq.withdraw). */
  canWithdraw: boolean;
}

/** How many FAQ entries the reader sees, in all and per item and indicator (to link them). */
export interface FaqSummary {
  total: number;
  byItem: Record<string, number>;
  byIndicator: Record<string, number>;
}

/** Follow-up of the support, per authority: open questions and time to first answer. */
export interface SupportStatsRow {
  authority: SupportAuthorityDto;
  total: number;
  /** NEW: waiting for a first answer. */
  waiting: number;
  /** Not closed (NEW or ANSWERED). */
  open: number;
  answered: number;
  /** Hours from the question to its first answer, over the answered questions; null when none. */
  medianHoursToFirstAnswer: number | null;
  meanHoursToFirstAnswer: number | null;
}

export interface SupportStats {
  campaignYear: number;
  rows: SupportStatsRow[];
}
