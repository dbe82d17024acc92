export * from './exchange';
export * from './errors';
export * from './settings';
export * from './api';
export * from './replay';
export * from './inspector';
export * from './auth';
export * from './history';
