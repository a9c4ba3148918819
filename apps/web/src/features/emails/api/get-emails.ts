import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SentEmail } from '@tdb/contracts';
import { api, unwrap } from '@/lib/api-client';

/** The e-mails the platform sent (or stored, without SMTP server), newest first: national administrator only. */
export function getEmails(signal?: AbortSignal): Promise<SentEmail[]> {
  return unwrap(api.GET('/api/emails', { signal }));
}

export function getEmailsQueryOptions() {
  return queryOptions({
    queryKey: ['emails'] as const,
    queryFn: ({ signal }) => getEmails(signal),
  });
}

export function useEmails() {
  return useQuery(getEmailsQueryOptions());
}
