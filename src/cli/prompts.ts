/**
 * The only place that prompts (inquirer), and only on a TTY. Tests inject their own Prompts.
 */
import { input, select } from '@inquirer/prompts';

export interface Prompts {
  input(message: string, defaultValue: string): Promise<string>;
  select<T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T): Promise<T>;
  note(message: string): Promise<void>;
}

export function createPrompts(): Prompts {
  return {
    input: (message, defaultValue) => input({ message, default: defaultValue }),
    select: <T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T) =>
      select<T>({ message, choices: choices.map((c) => ({ name: c.name, value: c.value })), ...(defaultValue !== undefined ? { default: defaultValue } : {}) }),
    note: async (message) => {
      process.stderr.write(`${message}\n`);
    },
  };
}
