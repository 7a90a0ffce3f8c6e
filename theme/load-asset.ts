// Loads a part of the bundle that the page did not link: a classic <script> (and its <link>),
// found beside the core script, so it works from file:// (no module scripts or import() there),
// from a sub-folder and from any server.

/** The core script's own URL, read while it runs (currentScript is null afterwards). */
const coreUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI;

/** The URL of `file` in the core script's folder. */
export function assetUrl(file: string): string {
  return new URL(file, coreUrl).href;
}

function loaded(element: HTMLScriptElement | HTMLLinkElement, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    element.addEventListener('load', () => resolve(), { once: true });
    element.addEventListener('error', () => reject(new Error(`ptydeck: could not load ${what}`)), { once: true });
  });
}

/** Runs the classic script `file` once; resolves when it has run. */
export function loadScript(file: string): Promise<void> {
  const script = document.createElement('script');
  script.src = assetUrl(file);
  const done = loaded(script, script.src);
  document.head.append(script);
  return done;
}

/**
 * Adds the stylesheet `file` before the deck theme's (a <link>, or a <style> where the page holds
 * it): the theme overrides every other style (render-page.ts puts it last), including styles loaded later.
 */
export function loadStyle(file: string): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = assetUrl(file);
  const done = loaded(link, link.href);
  const theme = document.querySelector('[data-ptydeck-theme]');
  if (theme) theme.before(link);
  else document.head.append(link);
  return done;
}

/** The value a lazily loaded part assigned to `window[name]` (Vite iife `name`). */
export function loadedGlobal<T>(name: string): T {
  const value = (window as unknown as Record<string, T | undefined>)[name];
  if (value === undefined) throw new Error(`ptydeck: the script that defines ${name} ran without defining it`);
  return value;
}
