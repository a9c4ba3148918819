export * from './categories';
export * from './territories';
