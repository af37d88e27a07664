// `npm start`'s options: what each asks for, and the combinations refused with a message before anything is built.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYGROUND_PORT, parsePlaygroundArgs } from './playground';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('parsePlaygroundArgs', () => {
  describe('what each option asks for', () => {
    it.each([
      [[], { mode: 'stand-in', port: DEFAULT_PLAYGROUND_PORT, fault: null }],
      [['--real'], { mode: 'real', port: DEFAULT_PLAYGROUND_PORT, fault: null }],
      [['--runway'], { mode: 'runway', port: DEFAULT_PLAYGROUND_PORT, fault: null }],
      [['--runway', '--port', '9000'], { mode: 'runway', port: 9000, fault: null }],
      [['--fault', '429'], { mode: 'stand-in', port: DEFAULT_PLAYGROUND_PORT, fault: '429' }],
    ])('%j', (argv, options) => {
      expect(parsePlaygroundArgs(argv)).toEqual({ options });
    });
  });

  describe('refused, with what to do instead', () => {
    it.each([
      [['--runway', '--real'], /^--runway and --real do not go together/],
      [['--real', '--runway'], /^--runway and --real do not go together/],
      [['--runway', '--fault', '429'], /^--fault switches the Segmind stand-in's faults; with --runway there is no Segmind stand-in/],
      [['--real', '--fault', '500'], /^--fault makes the stand-in fail; with --real there is no stand-in/],
      [['--fault', 'teapot'], /^--fault teapot is not a fault the stand-in knows/],
      [['--port', 'x'], /^--port needs a port number, got x$/],
      [['--port'], /^--port needs a port number, got nothing$/],
      [['--relay'], /^unknown option --relay \(use --real or --runway/],
    ])('%j', (argv, message) => {
      const parsed = parsePlaygroundArgs(argv);
      expect(parsed).toEqual({ error: expect.stringMatching(message) });
    });
  });
});

describe('scripts/start.mjs', () => {
  it('--runway --real: exits 1 with the message, before building anything', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs', '--runway', '--real'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm start: --runway and --real do not go together');
    expect(run.stdout).not.toContain('Building');
  });
});
