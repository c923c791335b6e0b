import { Option, type Command } from 'commander';
import { StrictError } from '../../base/errors.js';
import { writeOutputs, writtenMessage, type PlannedOutput } from '../../io/write.js';
import { RejectsStream } from '../../io/rejects-stream.js';
import { renderValidateText, summarizeValidation } from '../../report/validate.js';
import { addInputOptions, filesInUse, loadInputs, strictMessage, styleFor, type InputOptions } from '../common.js';
import type { Io } from '../io.js';

interface ValidateOptions extends InputOptions {
  format: 'terminal' | 'json';
  rejects?: string;
  strict?: boolean;
  showValues?: boolean;
  out?: string;
}

export function registerValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('validate')
    .description('ingest and check the inputs only: row accounting, rejects with reasons, warnings');
  addInputOptions(cmd)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('-o, --out <file>', 'write the result to a file instead of stdout')
    .option('--rejects <file>', 'write every rejected row with its reason to a CSV file')
    .option('--strict', 'exit 2 when any row is rejected')
    .option('--show-values', 'show full cell values in messages (they are shortened by default)')
    .action(async (dir: string | undefined, opts: ValidateOptions) => {
      // every rejected row goes to the file as it is rejected; the summary keeps capped examples
      const rejects = opts.rejects ? RejectsStream.open(opts.rejects, io.cwd) : null;
      try {
        await validate(dir, opts, rejects);
      } finally {
        rejects?.discard();
      }
    });

  async function validate(dir: string | undefined, opts: ValidateOptions, rejects: RejectsStream | null): Promise<void> {
    const loaded = await loadInputs(dir, opts, io, rejects?.sink);
    const summary = summarizeValidation(loaded.dataset, {
      showValues: !!opts.showValues,
      inputs: loaded.listing,
      ...(loaded.config.company?.currency !== undefined ? { currency: loaded.config.company.currency } : {}),
    });
    const text =
      opts.format === 'json'
        ? `${JSON.stringify(summary, null, 2)}\n`
        : renderValidateText(summary, styleFor(io, opts.color, opts.out !== undefined));
    const outputs: PlannedOutput[] = [];
    if (opts.out) outputs.push({ flag: '--out', path: opts.out, content: () => text });
    if (rejects) outputs.push(rejects.planned());
    const written = writeOutputs(outputs, filesInUse(loaded, io.cwd), io.cwd);
    if (!opts.out) io.stdout.write(text);
    if (!opts.quiet) io.stderr.write(writtenMessage(written));
    if (opts.strict && summary.rows.rejected > 0) {
      throw new StrictError(strictMessage(loaded.dataset.files));
    }
    setExit(summary.usable ? 0 : 2);
  }
}
