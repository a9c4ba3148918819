export * from './dates';
export * from './workflow';
