/** A file the API answered: its content and the name the API suggests (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/**
 * A file to download through the typed API client (`parseAs: 'blob'` + unwrapFile), and what tells it
 * apart from another file (its path and query): a download button shows the size of this very file.
 */
export interface FileDownload {
  key: string;
  fetch: () => Promise<DownloadedFile>;
}

export function fileDownload(key: readonly unknown[], fetch: () => Promise<DownloadedFile>): FileDownload {
  return { key: JSON.stringify(key), fetch };
}
