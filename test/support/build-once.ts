// vitest globalSetup: builds dist/ once before any test, so tests that load the bundle (the sandbox
// in a bare VM, the UI in Chromium) always exercise the current production build, never a stale one.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs', '--minify'], { stdio: 'inherit' });
}
