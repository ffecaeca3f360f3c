export * from './common.js';
export * from './vocabulary.js';
export * from './nodes.js';
export * from './relationships.js';
export * from './storage.js';
export * from './privacy.js';
export * from './api.js';
export * from './payloads/index.js';
