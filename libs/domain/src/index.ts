export * from './errors';
export * from './roles';
export * from './department';
export * from './campaign';
export * from './task';
