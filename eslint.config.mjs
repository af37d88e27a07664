// Lint as the ecosystem does: ESLint's and typescript-eslint's recommended rules everywhere, and Figma's own
// rules (deprecated sync APIs, dynamic-page advice) on the sandbox code, which is the only code that calls figma.*.
// Zero warnings: `npm test` runs `eslint --max-warnings 0`.
import js from '@eslint/js';
import * as figmaPlugins from '@figma/eslint-plugin-figma-plugins';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'relay/dist/', '.tsbuild/', 'test-results/', 'node_modules/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The house names unused bindings with a leading underscore (`const { seed: _, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Build, bench, start and relay scripts run under Node.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Figma's rules need types: they read the sandbox through its own project (Figma typings, no DOM).
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.sandbox.json', tsconfigRootDir: import.meta.dirname } },
    plugins: { '@figma/figma-plugins': figmaPlugins },
    rules: figmaPlugins.flatConfigs.recommended.rules,
  },
);
