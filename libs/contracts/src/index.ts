export * from './structures';
export * from './accounts';
