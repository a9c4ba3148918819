export * from './structures';
