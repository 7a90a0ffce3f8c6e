// Turns raw terminal output into the plain text a person reads: no escapes, no carriage returns.

/** OSC, DCS, SOS, PM and APC strings: ESC ] / P / X / ^ / _ … up to BEL or ST. */
const STRING_SEQUENCE = /\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
/** CSI: ESC [ parameters, intermediates, final byte (colours, cursor moves, modes). */
const CSI_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]/g;
/** Two- and three-character escapes: ESC ( B, ESC =, ESC 7, ESC c… */
const SHORT_ESCAPE = /\x1b[ -/]*[0-~]/g;
/** C0 controls other than tab, line feed, carriage return and backspace, plus DEL. */
const OTHER_CONTROLS = /[\x00-\x07\x0b-\x0c\x0e-\x1f\x7f]/g;

/**
 * Renders raw output as plain text: escape sequences removed, `\r\n` as `\n`, a bare `\r`
 * overwriting its line from the left (progress bars), backspace erasing, trailing spaces and
 * trailing empty lines trimmed. Cursor movement is not emulated: the headless screen does that.
 */
export function plainText(raw: string): string {
  const stripped = raw
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(SHORT_ESCAPE, '')
    .replace(OTHER_CONTROLS, '');
  const lines = stripped.split('\n').map(renderLine);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

function renderLine(line: string): string {
  // Most lines have no carriage return but the one before their line feed: no overwriting.
  const cr = line.indexOf('\r');
  if (cr < 0 || cr === line.length - 1) return applyBackspaces(cr < 0 ? line : line.slice(0, cr)).trimEnd();
  let shown = '';
  for (const segment of line.split('\r')) {
    const typed = applyBackspaces(segment);
    shown = typed + shown.slice(typed.length);
  }
  return shown.trimEnd();
}

function applyBackspaces(segment: string): string {
  if (!segment.includes('\b')) return segment;
  const out: string[] = [];
  for (const ch of segment) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}
