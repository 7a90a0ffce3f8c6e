// Which decks draw slide 1 before reveal.js (server/site/prepaint.ts), and the CSP that lets
// the page's one inline line run. Where it lands on screen is tests/browser/prepaint.test.ts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../server/live/security-headers.ts';
import { PREPAINT_SCRIPT, prepaintScriptHash, prepaintStyle } from '../../server/site/prepaint.ts';

describe('prepaintStyle', () => {
  it("lays slide 1 out with ptydeck's reveal.js defaults and reveal.js's scale limits", () => {
    expect(prepaintStyle({})).toBe('--ptydeck-width:1280px;--ptydeck-height:720px;--ptydeck-margin:0.05;--ptydeck-min-scale:0.2;--ptydeck-max-scale:2;--ptydeck-align:safe center');
  });

  it("follows the deck's own size, margin, scale limits and centring", () => {
    expect(prepaintStyle({ width: 960, height: 700, margin: 0, minScale: 0.5, maxScale: 1.5, center: false })).toBe(
      '--ptydeck-width:960px;--ptydeck-height:700px;--ptydeck-margin:0;--ptydeck-min-scale:0.5;--ptydeck-max-scale:1.5;--ptydeck-align:normal',
    );
  });

  it('leaves slide 1 to reveal.js where CSS cannot place it as reveal.js will', () => {
    for (const options of [{ width: '100%' }, { height: '80%' }, { width: 0 }, { margin: 1 }, { disableLayout: true }, { embedded: true }, { maxScale: 'x' }]) {
      expect(prepaintStyle(options), JSON.stringify(options)).toBeNull();
    }
  });
});

describe("the prepaint script's CSP hash", () => {
  it("is the script's sha256, and the live server's CSP allows it", () => {
    const hash = `'sha256-${createHash('sha256').update(PREPAINT_SCRIPT).digest('base64')}'`;
    expect(prepaintScriptHash()).toBe(hash);
    expect(contentSecurityPolicy()).toContain(`script-src 'self' ${hash}`);
    // Nothing else inline: no 'unsafe-inline' for scripts.
    expect(contentSecurityPolicy()).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
