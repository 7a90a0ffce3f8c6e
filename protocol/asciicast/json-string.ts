// JSON string literals for asciicast lines: valid UTF-8 once encoded, non-printables as \uXXXX.

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Whether a UTF-16 code unit is the first half of a surrogate pair. */
export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Replaces every unpaired surrogate with U+FFFD, as String.prototype.toWellFormed does (ES2024,
 * beyond our ES2022 lib): a lone surrogate has no UTF-8 encoding, and asciinema (serde_json)
 * rejects a `\uD800` escape that is not followed by its pair.
 */
export function toWellFormed(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      out += text.slice(start, i) + REPLACEMENT_CHARACTER;
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * Characters JSON.stringify leaves raw that the specification wants escaped (DEL and the C1
 * controls are non-printable), plus U+2028/U+2029, which break naive line-oriented JS tooling.
 */
const EXTRA_ESCAPES = /[\u007f-\u009f\u2028\u2029]/g;

function escapeUnit(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Encodes a string as a JSON string literal with non-printable code points as \uXXXX escapes. */
export function jsonString(text: string): string {
  return JSON.stringify(toWellFormed(text)).replace(EXTRA_ESCAPES, escapeUnit);
}

/** Encodes a JSON value compactly, with every string in it made well formed and escaped as jsonString does. */
export function jsonValue(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? toWellFormed(v) : v));
  return json.replace(EXTRA_ESCAPES, escapeUnit);
}
