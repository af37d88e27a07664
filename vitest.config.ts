import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite 8 compiles TSX with oxc; point its JSX at Preact.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Builds dist/ first: tests that load the bundle exercise the current production build.
    globalSetup: ['test/support/build-once.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; keep the two cores from thrashing.
    maxWorkers: 2,
  },
});
