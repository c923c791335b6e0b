/**
 * Errors carry data; the words are assembled in cli/print-error.ts.
 * Every error a user can cause is an AppError with exit code 2 (or 1 for a failed CI gate).
 */

export interface Location {
  readonly file: string;
  readonly line?: number | null;
  readonly column?: string | null;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  readonly exitCode: 1 | 2 = 2;
}

/** Bad flags or flag combinations. */
export class UsageError extends AppError {
  readonly code = 'USAGE';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** A file or folder that cannot be used at all (missing, unreadable, empty, wrong shape). */
export class InputError extends AppError {
  readonly code = 'INPUT';
  constructor(
    readonly problems: readonly (Location & { readonly message: string })[],
    readonly hint?: string,
  ) {
    super(problems.map((p) => p.message).join('; '));
  }
}

/** revhealth.config.json (or a rule pack) is not valid. */
export class ConfigError extends AppError {
  readonly code = 'CONFIG';
  constructor(
    readonly file: string,
    readonly problems: readonly { readonly path: string; readonly message: string; readonly line?: number }[],
  ) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** --strict and the data had rejects, and similar "data not trustworthy" outcomes. */
export class StrictError extends AppError {
  readonly code = 'STRICT';
  constructor(message: string) {
    super(message);
  }
}
