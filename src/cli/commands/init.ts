/**
 * revhealth init: find the exports in a folder (by name, else by their header), detect each one's
 * flavour, propose the column and stage mapping, ask for the company profile, write
 * revhealth.config.json with each input's file relative to the config. --yes accepts the detected
 * defaults and best guesses, and says what it guessed.
 *
 * No dead ends: a required column the presets do not know is asked for (the file's headers, best
 * guesses first); with --yes a confident guess is written, otherwise init exits 2 with the exact
 * config lines to add.
 */
import type { Command } from 'commander';
import { SEGMENTS } from '../../config/schema.js';
import { UsageError } from '../../base/errors.js';
import { CONFIG_FILE_NAME } from '../../io/config.js';
import { addInputOptions } from '../common.js';
import type { Io } from '../io.js';
import type { Prompts } from '../prompts.js';
import { runInit, type InitOptions } from '../init-setup.js';
import { ratchetFromCurrent } from '../ratchet.js';

export function registerInit(program: Command, io: Io, setExit: (code: number) => void, prompts?: Prompts): void {
  addInputOptions(
    program
      .command('init')
      .description('guided setup: find the exports, detect their flavour, confirm the column and stage mapping, write revhealth.config.json'),
  )
    .option('-y, --yes', 'accept the detected defaults and best guesses without asking (for scripts and CI)')
    .option('-o, --out <file>', `where to write the config (default: ${CONFIG_FILE_NAME} in the folder, or here)`)
    .option('--force', 'overwrite an existing config file')
    .option('--from-current', `ratchet: write a rules file (${'revhealth.ratchet.json'}, or --out) keeping passing rules at their level and turning failing ones into warnings with today's value as the floor; lists it in the config's rules.overridesFiles`)
    .option('--as-of <date>', 'with --from-current: reference date YYYY-MM-DD')
    .option('--segment <segment>', 'with --from-current: benchmark segment')
    .action(async (dir: string | undefined, opts: InitOptions) => {
      if (opts.fromCurrent) {
        // --from-current asks nothing: --yes is accepted and changes nothing
        if (opts.segment !== undefined && !(SEGMENTS as readonly string[]).includes(opts.segment)) {
          throw new UsageError(`--segment expects one of ${SEGMENTS.join(', ')}, got "${opts.segment}"`);
        }
        setExit(await ratchetFromCurrent(dir, opts, io));
        return;
      }
      setExit(await runInit(dir, opts, io, prompts));
    });
}
