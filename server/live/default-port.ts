// The port a speaker expects a deck server on; the next free one is used when it is taken.

export const DEFAULT_PORT = 3000;
