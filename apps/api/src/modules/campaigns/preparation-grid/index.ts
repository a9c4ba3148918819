export { buildPreparationGrid } from './write-grid';
export type { GridInput, GridOrganisation, GridStructure } from './write-grid';
export { readPreparationGrid, MAX_REPORTED_ERRORS } from './read-grid';
export type { GridCellError, GridExpectation, GridReadResult, GridValue } from './read-grid';
