import type { DownloadFormat } from '../components/download-button';

/** The restitutions' printed report: an A4 PDF. */
export const PDF_FORMAT: DownloadFormat = { name: 'PDF', hint: 'A4' };
/** Their tables: an XLSX workbook, opened by Excel or LibreOffice. */
export const XLSX_FORMAT: DownloadFormat = { name: 'XLSX', hint: 'Excel, LibreOffice' };
