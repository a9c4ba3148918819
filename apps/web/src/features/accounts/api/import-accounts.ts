import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProvisioningReport } from '@tdb/contracts';
import { apiClient, type ApiClientError } from '@/lib/api-client';

/**
 * Creates or completes the APE accounts of a file (CSV or XLSX: FINESS ; Nom ; Prénom ; Courriel ;
 * Téléphone). All or nothing: a line to correct rejects the file (422 IMPORT_REJECTED, `errors` per
 * line) and nothing is created.
 */
export function importAccounts(file: File): Promise<ProvisioningReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiClient.upload<ProvisioningReport>('/accounts/import', form);
}

export function useImportAccounts() {
  const queryClient = useQueryClient();
  return useMutation<ProvisioningReport, ApiClientError, File>({
    mutationFn: importAccounts,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] }),
  });
}
