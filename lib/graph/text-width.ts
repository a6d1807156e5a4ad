/** The faces the drawn graph uses: each names a bundled font first, then faces with its metrics. */
export const SANS = "Arimo, 'Liberation Sans', Arial, Helvetica, sans-serif";
export const MONO = "'JetBrains Mono', 'Liberation Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

export type Face = 'sans' | 'bold' | 'mono';

// Advance widths (per 1000 em) of the printable ASCII characters, space to tilde, read from
// Arimo's regular and bold TTF files: Arimo shares Arial's and Liberation Sans' metrics, so the
// sizes hold wherever one of those draws the text.
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278,
  556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584,
  556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556,
  333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
// Monospaced faces advance 600/1000 (DejaVu Sans Mono 602: the margin covers it).
const MONO_ADVANCE = 602;
// Anything beyond ASCII: as wide as the widest Latin capital, so it never overflows.
const OTHER = 1000;

/** The width in pixels of one character drawn in a face at a size. */
export function charWidth(char: string, face: Face, size: number): number {
  if (face === 'mono') return (MONO_ADVANCE * size) / 1000;
  const code = char.codePointAt(0) ?? 0;
  const table = face === 'bold' ? BOLD : REGULAR;
  const advance = code >= 32 && code < 127 ? (table[code - 32] ?? OTHER) : OTHER;
  return (advance * size) / 1000;
}

/** The width in pixels of a line of text drawn in a face at a size. */
export function textWidth(text: string, face: Face, size: number): number {
  let width = 0;
  for (const char of text) width += charWidth(char, face, size);
  return width;
}

/**
 * A line broken into pieces no wider than `max`, after a space, comma, slash, dot or hyphen
 * in the second half of a piece, else anywhere: nothing is cut off. Never returns an empty list.
 */
export function wrapText(text: string, face: Face, size: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  let lastBreak = -1;
  for (const char of text) {
    const w = charWidth(char, face, size);
    // What is left after a cut at a break may still not leave room: cut again, at the end.
    while (width + w > max && line.length > 0) {
      const cut = lastBreak >= line.length / 2 ? lastBreak : line.length;
      const head = line.slice(0, cut).trimEnd();
      if (head) lines.push(head);
      line = line.slice(cut).trimStart();
      width = textWidth(line, face, size);
      lastBreak = -1;
    }
    line += char;
    width += w;
    if (/[\s,/.\-|&]/.test(char)) lastBreak = line.length;
  }
  lines.push(line);
  return lines;
}
