// Plain-text tables for the terminal, coloured only where a person reads them.

/** The colours a cell may take: SGR codes of the 16 colours every terminal has. */
const SGR = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;

export type Colour = keyof typeof SGR;

export interface Cell {
  readonly text: string;
  readonly colour?: Colour;
}

/** Gap between columns, in spaces. */
const COLUMN_GAP = 2;

/** Colour for a terminal only: not for a pipe or a file, and not when NO_COLOR is set (no-color.org). */
export function wantsColour(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

/** Wraps `text` in its colour's escape sequence when `colour` is on. */
export function paint(text: string, colour: Colour | undefined, on: boolean): string {
  return on && colour ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text;
}

/**
 * Lays out `rows` under `header`, columns padded to their widest cell (by code points: ids and
 * statuses are ASCII). The last column is not padded, so long reasons do not trail spaces.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, colour: boolean): string {
  const all: ReadonlyArray<readonly Cell[]> = [header.map((text) => ({ text, colour: 'bold' as const })), ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column]?.text ?? '')].length)));
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const last = column === row.length - 1;
          const pad = last ? '' : ' '.repeat((widths[column] ?? 0) + COLUMN_GAP - [...cell.text].length);
          return paint(cell.text, cell.colour, colour) + pad;
        })
        .join('')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
