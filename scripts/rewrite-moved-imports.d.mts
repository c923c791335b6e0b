// Types of scripts/rewrite-moved-imports.mjs for its test (test/scripts/rewrite-moved-imports.test.ts).
export declare const MOVED_SYMBOLS: readonly string[];
/** Named imports / re-exports of symbols that moved out of a split file, one statement per destination. */
export declare function splitNamed(file: string, text: string, log?: (line: string) => void): string;
/** The file's text with every moved import rewritten (moved files, then split files). */
export declare function rewriteImports(file: string, text: string, log?: (line: string) => void, exists?: (path: string) => boolean): string;
