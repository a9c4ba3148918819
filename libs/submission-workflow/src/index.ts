export * from './dates';
export * from './workflow';
export * from './extensions';
export * from './flags';
export * from './restitution-stage';
export * from './guide';
