import { parseArgs } from './cli-args';

describe('parseArgs', () => {
  it('reads options with their value, flags and files', () => {
    const args = parseArgs(
      ['backup.dump', '--force', '--pg-bin', '/usr/lib/postgresql/16/bin'],
      ['--pg-bin'],
      ['--force'],
    );
    expect(args.positional).toEqual(['backup.dump']);
    expect(args.flags.has('--force')).toBe(true);
    expect(args.options.get('--pg-bin')).toBe('/usr/lib/postgresql/16/bin');
  });

  it('refuses an unknown option and an option without its value', () => {
    expect(() => parseArgs(['--forse'], [], ['--force'])).toThrow('Unknown option --forse');
    expect(() => parseArgs(['--out'], ['--out'], [])).toThrow('--out needs a value');
    expect(() => parseArgs(['--out', '--force'], ['--out'], ['--force'])).toThrow('--out needs a value');
  });
});
