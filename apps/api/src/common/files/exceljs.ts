import type ExcelJSModule from 'exceljs';

let loaded: typeof ExcelJSModule | undefined;

/**
 * ExcelJS, loaded at its first use: about 30 MB of memory that a process which only computes, or
 * answers JSON, never needs (the national recompute, most API replicas between two exports).
 * Files use `import type ExcelJS from 'exceljs'` for its types and this for its values.
 */
export function exceljs(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('exceljs') as typeof ExcelJSModule;
  return loaded;
}
