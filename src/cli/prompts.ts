/**
 * The only place that prompts (inquirer), and only on a TTY. Tests inject their own Prompts.
 * Inquirer is imported on the first question, not at start-up (it costs ~70 ms to load, and
 * every other command would pay it).
 */
import { cleanLine } from '../report/sanitize.js';
import type { Output } from './io.js';

const inquirer = () => import('@inquirer/prompts');

export interface Prompts {
  input(message: string, defaultValue: string): Promise<string>;
  select<T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T): Promise<T>;
  note(message: string): Promise<void>;
}

/** `stderr`: where notes go (the sanitising boundary of src/cli/io.ts when given the run's Io). */
export function createPrompts(stderr?: Output): Prompts {
  return {
    input: async (message, defaultValue) => (await inquirer()).input({ message, default: defaultValue }),
    select: async <T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T) =>
      (await inquirer()).select<T>({ message, choices: choices.map((c) => ({ name: c.name, value: c.value })), ...(defaultValue !== undefined ? { default: defaultValue } : {}) }),
    note: async (message) => {
      if (stderr) stderr.write(`${message}\n`);
      else process.stderr.write(`${cleanLine(message)}\n`);
    },
  };
}

/**
 * Prompts whose every shown text (question, default, choice names, notes) is one clean line:
 * a stage value or a folder name from the input cannot move the cursor, clear the screen or forge
 * lines in the question inquirer draws.
 */
export function safePrompts(p: Prompts): Prompts {
  return {
    input: (message, defaultValue) => p.input(cleanLine(message), cleanLine(defaultValue)),
    select: <T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T) =>
      p.select<T>(cleanLine(message), choices.map((c) => ({ name: cleanLine(c.name), value: c.value })), defaultValue),
    note: (message) => p.note(cleanLine(message)),
  };
}
