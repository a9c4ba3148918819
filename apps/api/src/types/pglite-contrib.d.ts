// The package's "exports" subpath is not visible to moduleResolution "node"; Node and jest resolve it.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
