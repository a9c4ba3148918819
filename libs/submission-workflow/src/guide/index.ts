export * from './guide-model';
export * from './guide';
export { GUIDE } from './guide-data';
