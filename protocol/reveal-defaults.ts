// ptydeck's reveal.js defaults; a deck's front matter `reveal:` overrides any of them.

/** 16:9 for today's projectors; the URL keeps the slide so a reload stays where it was. */
export const revealDefaults = {
  width: 1280,
  height: 720,
  margin: 0.05,
  hash: true,
  history: false,
  slideNumber: 'c/t',
  transition: 'slide',
  center: true,
  controls: true,
  progress: true,
  pdfSeparateFragments: false,
} as const;
