// Entry of the lazily loaded speaker-view part (ptydeck-notes.js): reveal's Notes plugin is
// about 20 KiB gzip that only the speaker ever uses. speaker-notes.ts loads it.
export { default as Notes } from 'reveal.js/plugin/notes';
