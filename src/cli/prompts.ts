/**
 * The only place that prompts (inquirer), and only on a TTY. Tests inject their own Prompts.
 * Inquirer is imported on the first question, not at start-up (it costs ~70 ms to load, and
 * every other command would pay it).
 */
const inquirer = () => import('@inquirer/prompts');

export interface Prompts {
  input(message: string, defaultValue: string): Promise<string>;
  select<T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T): Promise<T>;
  note(message: string): Promise<void>;
}

export function createPrompts(): Prompts {
  return {
    input: async (message, defaultValue) => (await inquirer()).input({ message, default: defaultValue }),
    select: async <T extends string>(message: string, choices: readonly { name: string; value: T }[], defaultValue?: T) =>
      (await inquirer()).select<T>({ message, choices: choices.map((c) => ({ name: c.name, value: c.value })), ...(defaultValue !== undefined ? { default: defaultValue } : {}) }),
    note: async (message) => {
      process.stderr.write(`${message}\n`);
    },
  };
}
