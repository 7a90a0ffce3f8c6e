// The presenter's token: it arrives in the URL's hash (`#token=…`), is kept in sessionStorage
// for this tab, and leaves the URL before reveal.js reads the hash as a slide number. It goes
// nowhere but the socket handshake: never logged, never put in a link.

/** sessionStorage key: per tab, so a second tab opened by hand is a viewer until given the URL. */
export const TOKEN_STORAGE_KEY = 'ptydeck-token';

/** A token is printable ASCII of sane length; anything else in the hash is not ours. */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,512}$/;

/** The token found in a location hash, and the hash without it (`''` when nothing is left). */
export function splitTokenFromHash(hash: string): { readonly token: string | null; readonly hash: string } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let token: string | null = null;
  const rest: string[] = [];
  for (const part of body.split('&')) {
    if (!part.startsWith('token=')) {
      if (part) rest.push(part);
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(part.slice('token='.length));
    } catch {
      continue; // a malformed escape: drop the part, keep no token from it
    }
    if (TOKEN_SHAPE.test(value)) token = value;
  }
  return { token, hash: rest.length ? `#${rest.join('&')}` : '' };
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled (a sandboxed frame, a strict privacy setting)
  }
}

/** Token kept for a tab whose storage is unusable: the page still works as presenter once. */
let memoryToken: string | null = null;

/**
 * Moves a `#token=` from the URL into sessionStorage and returns the page's token (null: the
 * page is a viewer). Call it before reveal.js starts, so the hash it reads is a slide's.
 */
export function captureToken(): string | null {
  const found = window.location.hash.includes('token=') ? splitTokenFromHash(window.location.hash) : null;
  if (found) {
    if (found.token) {
      memoryToken = found.token;
      try {
        storage()?.setItem(TOKEN_STORAGE_KEY, found.token);
      } catch {
        // quota or privacy mode: memoryToken keeps this page working
      }
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${found.hash}`);
  }
  return memoryToken ?? storage()?.getItem(TOKEN_STORAGE_KEY) ?? null;
}
