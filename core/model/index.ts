export * from './session-model.js';
export * from './wait-graph.js';
export * from './task-tree.js';
export * from './timeline.js';
