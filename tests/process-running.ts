// Whether a process exists (signal 0 checks without sending anything): the one check, server/temp-folder.ts's.
export { processExists as isRunning } from '../server/temp-folder.ts';
