// Parses and renders the attribute lists of `<!-- .slide: … -->` and `<!-- .element: … -->`.

/** Attribute name → value, in source order; a bare attribute has the value "". */
export type Attributes = ReadonlyArray<readonly [name: string, value: string]>;

const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const SAFE_NAME = /^[a-zA-Z_:][\w:.-]*$/;

export interface ParsedAttributes {
  readonly attributes: Attributes;
  /** Names refused (event handlers, malformed): reported by the caller. */
  readonly refused: readonly string[];
}

/**
 * Parses `class="a" data-x='1' id=b data-bare`. Event handlers (`on…`) are refused: a deck
 * is trusted content, but an attribute list is no place for script.
 */
export function parseAttributes(source: string): ParsedAttributes {
  const attributes: Array<readonly [string, string]> = [];
  const refused: string[] = [];
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (!SAFE_NAME.test(name) || /^on/i.test(name)) {
      refused.push(name);
      continue;
    }
    attributes.push([name, value]);
  }
  return { attributes, refused };
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders attributes as ` name="value"…`, merging repeated `class` values. */
export function renderAttributes(attributes: ReadonlyArray<readonly [string, string | number]>): string {
  const merged = new Map<string, string>();
  for (const [name, raw] of attributes) {
    const value = String(raw);
    const key = name.toLowerCase();
    const prev = merged.get(key);
    merged.set(key, key === 'class' && prev ? `${prev} ${value}` : value);
  }
  let out = '';
  for (const [name, value] of merged) out += value === '' && name !== 'class' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  return out;
}
