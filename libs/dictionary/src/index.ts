export * from './schema';
export * from './load';
export * from './values';
export * from './dictionaries';
export * from './evaluation';
export * from './entry';
export * from './sources';
