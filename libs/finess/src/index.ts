export * from './finess-number';
export * from './projections';
export * from './extract-parser';
export * from './esms-mapping';
export * from './equipment-parser';
