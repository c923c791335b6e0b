/** Types of generate.mjs, for the TypeScript tests that share its PRNG. */
/** mulberry32: a small seeded PRNG with uniform values in [0, 1). */
export function mulberry32(seed: number): () => number;
/** Cents as "$12,345.00". */
export function dollars(cents: number): string;
export function fileWriter(path: string): { write(s: string): Promise<void>; end(): Promise<void> };
export function generate(rows: number, dir: string): Promise<void>;
export function writeSpendAndRenewals(
  dir: string,
  rows: number,
  rand: () => number,
  options: { channels: readonly string[]; account: (i: number) => string; date: (day: number) => string },
): void;
export function ensureGenerated(rows: number, base: string): Promise<string>;
