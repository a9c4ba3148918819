export * from './dates';
export * from './workflow';
export * from './restitution-stage';
