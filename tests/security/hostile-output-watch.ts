// Watches a deck page for what a hostile program's output must never do there: run script
// (window.__pwned), add markup outside the terminal's own rendering, change the title, write
// the clipboard, raise a CSP violation, open a dialog or a window, or leave a javascript: link.
import type { Page } from 'playwright-core';

/** Installed before the page's own scripts: wraps the clipboard, watches the DOM. */
function installWatch(): void {
  const h = { clipboard: [] as string[], violations: [] as string[], added: [] as string[], watching: false, title: '' };
  (window as unknown as { __hostile: typeof h }).__hostile = h;
  const clip = navigator.clipboard as unknown as Record<string, unknown> | undefined;
  for (const method of ['writeText', 'write']) {
    if (!clip || typeof clip[method] !== 'function') continue;
    const original = (clip[method] as (...a: unknown[]) => Promise<void>).bind(clip);
    clip[method] = (...args: unknown[]) => {
      h.clipboard.push(`navigator.clipboard.${method}`);
      return original(...args);
    };
  }
  const exec = document.execCommand.bind(document);
  document.execCommand = (command: string, ...rest: unknown[]) => {
    if (/^(copy|cut)$/i.test(command)) h.clipboard.push(`execCommand ${command}`);
    return (exec as (c: string, ...r: unknown[]) => boolean)(command, ...rest);
  };
  document.addEventListener('copy', () => h.clipboard.push('copy event'), true);
  document.addEventListener('securitypolicyviolation', (e) => h.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  new MutationObserver((records) => {
    if (!h.watching) return;
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        // The terminal draws rows and spans of text: that is its job, and what it shows is text.
        if (node instanceof Element && !node.closest('.xterm')) h.added.push(node.tagName);
      });
    }
  }).observe(document, { subtree: true, childList: true });
}

/** Tags that would carry a payload: no program's output may ever add one outside the terminal. */
const DANGEROUS_TAGS = /^(IMG|SCRIPT|IFRAME|SVG|OBJECT|EMBED|A|FORM|LINK|META|BASE|STYLE|VIDEO|AUDIO)$/i;

export interface OutputWatch {
  /** Call right before the hostile output starts: remembers the title, starts watching the DOM. */
  arm(): Promise<void>;
  /** Everything that went wrong so far, one line each (empty: the page held). */
  breaches(): Promise<string[]>;
}

/** Installs the watch on `page` (before it loads anything). */
export async function watchOutput(page: Page): Promise<OutputWatch> {
  const dialogs: string[] = [];
  const popups: string[] = [];
  const errors: string[] = [];
  await page.addInitScript(installWatch);
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message().slice(0, 80)}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => popups.push(popup.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  let url = '';
  return {
    async arm() {
      url = page.url();
      await page.evaluate(() => {
        const h = (window as unknown as { __hostile: { watching: boolean; title: string } }).__hostile;
        h.title = document.title;
        h.watching = true;
      });
    },
    async breaches() {
      const seen = await page.evaluate((dangerous) => {
        const h = (window as unknown as { __hostile: { clipboard: string[]; violations: string[]; added: string[]; title: string } }).__hostile;
        const all = Array.from(document.querySelectorAll('*'));
        const found: string[] = [];
        if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined) found.push('a payload ran: window.__pwned is set');
        if (document.title !== h.title) found.push(`the title changed to ${JSON.stringify(document.title)}`);
        for (const call of h.clipboard) found.push(`clipboard written: ${call}`);
        for (const v of h.violations) found.push(`CSP violation (something tried to load or run): ${v}`);
        for (const tag of h.added.filter((t) => new RegExp(dangerous, 'i').test(t))) found.push(`a <${tag.toLowerCase()}> was added outside the terminal`);
        for (const el of all) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) found.push(`<${el.tagName.toLowerCase()}> has an ${attr.name} attribute`);
            if (/^(href|src|action|formaction)$/i.test(attr.name) && /^\s*(javascript|vbscript):/i.test(attr.value)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 40)}">`);
          }
        }
        return found;
      }, DANGEROUS_TAGS.source);
      // reveal.js writes the slide into the hash: only a change of page counts.
      const withoutHash = (u: string) => u.replace(/#.*$/, '');
      if (url && withoutHash(page.url()) !== withoutHash(url)) seen.push(`the page navigated to ${page.url()}`);
      return [...seen, ...dialogs.map((d) => `a dialog opened: ${d}`), ...popups.map((p) => `a window opened: ${p}`), ...errors.map((e) => `page error: ${e}`)];
    },
  };
}

/** Hovers and clicks the first cells of the terminal row that starts with `text` (an OSC 8 link). */
export async function clickTerminalText(page: Page, text: string): Promise<boolean> {
  const row = page.locator('.xterm-rows > div').filter({ hasText: text }).last();
  const box = await row.boundingBox();
  if (!box) return false;
  const y = box.y + box.height / 2;
  // Two moves: xterm finds links on hover, then the click activates the one under the mouse.
  await page.mouse.move(box.x + 3, y);
  await page.mouse.move(box.x + 6, y);
  await page.mouse.click(box.x + 6, y);
  return true;
}
