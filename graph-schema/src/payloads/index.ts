export * from './auth.js';
export * from './search.js';
export * from './graph.js';
export * from './team.js';
export * from './insights.js';
export * from './transfer.js';
export * from './directory.js';
