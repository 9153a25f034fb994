/** ANSI colors, or none. */
export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const COLORS: Palette = { red: ansi(31), green: ansi(32), yellow: ansi(33), bold: ansi(1) };
export const PLAIN: Palette = { red: (s) => s, green: (s) => s, yellow: (s) => s, bold: (s) => s };
