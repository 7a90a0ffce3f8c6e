// Header objects of v1, v2 and v3 → one typed header; unknown fields stay in `raw`, untouched.

import type {
  AsciicastHeader,
  AsciicastTheme,
  AsciicastVersion,
  PtydeckHeader,
  PtydeckHost,
} from './types.ts';
import { PTYDECK_HEADER_KEY } from './types.ts';

type JsonObject = Readonly<Record<string, unknown>>;

export type ParsedHeader =
  | { readonly ok: true; readonly header: AsciicastHeader; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Whether a parsed JSON value is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isStringMap(value: unknown): value is Readonly<Record<string, string>> {
  return isJsonObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function parseTheme(value: unknown): AsciicastTheme | undefined {
  if (!isJsonObject(value)) return undefined;
  const { fg, bg, palette } = value;
  if (typeof fg !== 'string' || typeof bg !== 'string' || typeof palette !== 'string') return undefined;
  return { fg, bg, palette };
}

/** Reads ptydeck's namespaced header object; undefined when it is missing a field or mistyped. */
export function parsePtydeckHeader(value: unknown): PtydeckHeader | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.host)) return undefined;
  const { deck, demo, hash, version } = value;
  const { kernel, distro, docker } = value.host;
  if ([deck, demo, hash, version, kernel, distro].some((v) => typeof v !== 'string')) return undefined;
  if (docker !== undefined && docker !== null && typeof docker !== 'string') return undefined;
  const host: PtydeckHost = {
    kernel: kernel as string,
    distro: distro as string,
    ...(docker === undefined ? {} : { docker }),
  };
  return { deck: deck as string, demo: demo as string, hash: hash as string, version: version as string, host };
}

const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asStrings = (v: unknown) => (Array.isArray(v) && v.every((t) => typeof t === 'string') ? v : undefined);
const asEnv = (v: unknown) => (isStringMap(v) ? v : undefined);

/** Optional header fields: name in AsciicastHeader → [name in the JSON, typed value or undefined]. */
const FIELDS = {
  timestamp: ['timestamp', asNumber],
  duration: ['duration', asNumber],
  idleTimeLimit: ['idle_time_limit', asNumber],
  command: ['command', asString],
  title: ['title', asString],
  env: ['env', asEnv],
  theme: ['theme', parseTheme],
  tags: ['tags', asStrings],
  ptydeck: [PTYDECK_HEADER_KEY, parsePtydeckHeader],
} as const;

type FieldName = keyof typeof FIELDS;

/** The optional fields each version's specification defines at the top level of its header. */
const FIELDS_OF_VERSION: Readonly<Record<AsciicastVersion, readonly FieldName[]>> = {
  1: ['duration', 'command', 'title', 'env'],
  2: ['timestamp', 'duration', 'idleTimeLimit', 'command', 'title', 'env', 'theme'],
  3: ['timestamp', 'idleTimeLimit', 'command', 'title', 'env', 'tags', 'ptydeck'],
};

/** v3's `term` object: name in AsciicastHeader → [name in `term`, typed value or undefined]. */
const TERM_FIELDS = {
  termType: ['type', asString],
  termVersion: ['version', asString],
  theme: ['theme', parseTheme],
} as const;

/** Checks a header object of the given version and types its known fields; never throws. */
export function parseHeader(raw: JsonObject, version: AsciicastVersion, line: number): ParsedHeader {
  const warnings: string[] = [];
  const fields: Record<string, unknown> = {};
  const term = version === 3 ? raw.term : undefined;
  if (version === 3 && !isJsonObject(term)) {
    return { ok: false, message: 'The asciicast v3 header has no "term" object with the terminal size.' };
  }
  const cols = isJsonObject(term) ? term.cols : raw.width;
  const rows = isJsonObject(term) ? term.rows : raw.height;
  if (!isSize(cols) || !isSize(rows)) {
    const names = version === 3 ? '"term.cols" and "term.rows"' : '"width" and "height"';
    return { ok: false, message: `The asciicast v${version} header needs ${names} as positive integers.` };
  }
  if (isJsonObject(term)) {
    for (const [key, [name, check]] of Object.entries(TERM_FIELDS)) {
      typed(`term.${name}`, term[name], check, key);
    }
  }
  for (const key of FIELDS_OF_VERSION[version]) {
    const [name, check] = FIELDS[key];
    typed(name, raw[name], check, key);
  }
  if (version === 2 && fields.termType === undefined && isStringMap(raw.env) && raw.env.TERM !== undefined) {
    fields.termType = raw.env.TERM; // v2 has no term.type; asciinema takes TERM from env
  }
  return { ok: true, header: { cols, rows, ...fields, raw } as AsciicastHeader, warnings };

  function typed(name: string, value: unknown, check: (v: unknown) => unknown, key: string): void {
    if (value === undefined || value === null) return;
    const checked = check(value);
    if (checked !== undefined) fields[key] = checked;
    else warnings.push(`line ${line}: header field "${name}" has an unexpected type and was ignored`);
  }
}
