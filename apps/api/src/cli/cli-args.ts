/** The arguments of the operations CLIs: `--name value` options, `--flag`s and positional files. */
export interface CliArgs {
  positional: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** Parses `args`; an unknown option, or one without its value, is an error naming it. */
export function parseArgs(args: string[], valued: string[], flags: string[]): CliArgs {
  const parsed: CliArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (valued.includes(arg)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      parsed.options.set(arg, value);
    } else if (flags.includes(arg)) {
      parsed.flags.add(arg);
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option ${arg}`);
    } else {
      parsed.positional.push(arg);
    }
  }
  return parsed;
}

/** A file name stamped with the current time, safe on every file system. */
export const stamped = (prefix: string, extension: string) =>
  `${prefix}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}${extension}`;
