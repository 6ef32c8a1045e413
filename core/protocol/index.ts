export * from './records.js';
export * from './events.js';
export * from './commands.js';
export * from './recording.js';
export * from './schedule.js';
export * from './explore.js';
