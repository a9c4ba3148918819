export * from './actions';
export * from './structures';
export * from './accounts';
export * from './campaigns';
export * from './indicators';
export * from './atypia';
export * from './restitution';
export * from './exports';
