import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProvisioningReport } from '@tdb/contracts';
import { api, unwrap, type ApiClientError } from '@/lib/api-client';

/**
 * Creates or completes the APE accounts of a file (CSV or XLSX: FINESS ; Nom ; Prénom ; Courriel ;
 * Téléphone). All or nothing: a line to correct rejects the file (422 IMPORT_REJECTED, `errors` per
 * line) and nothing is created.
 */
export function importAccounts(file: File): Promise<ProvisioningReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  // openapi-fetch sends a FormData as is (multipart); the document types the body as its fields.
  return unwrap(api.POST('/api/accounts/import', { body: form as unknown as { file: string } }));
}

export function useImportAccounts() {
  const queryClient = useQueryClient();
  return useMutation<ProvisioningReport, ApiClientError, File>({
    mutationFn: importAccounts,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] }),
  });
}
