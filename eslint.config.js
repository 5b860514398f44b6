// @ts-check
// ESLint with typescript-eslint's type-aware rules (recommendedTypeChecked), run by `npm run lint`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The few host globals our plain-JavaScript files use (listed here rather than adding the `globals` package). */
const nodeGlobals = { process: 'readonly', console: 'readonly', URL: 'readonly' };
const browserGlobals = {
  document: 'readonly',
  location: 'readonly',
  history: 'readonly',
  URL: 'readonly',
  DOMParser: 'readonly',
  Node: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  window: 'readonly',
};

export default defineConfig(
  globalIgnores([
    'content/',
    'dist/',
    'dist-shard-*/',
    'dist-pkg/',
    '.astro/',
    '.cache/',
    '.itsm-cache/',
    '.itsm-build-*/',
    '.scratch*/',
    'test-results/',
    'src/core/generated/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are deliberately unused: a callback's leading arguments, a rest sibling left out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Record fields are `unknown` until the schema has checked them; printing them with String() or a
      // template is deliberate, and the validator reports a field of the wrong type.
      '@typescript-eslint/no-base-to-string': 'off',
      // Commands, benches and readers implement async interfaces; some have nothing to await yet, and
      // staying async keeps their errors rejections rather than synchronous throws.
      '@typescript-eslint/require-await': 'off',
      // Matching control characters is the point of the regexes that neutralise terminal and CSV output.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests poke at parsed JSON output (`any`) to assert on it; the no-unsafe-* rules would only add casts.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript is not in the TypeScript program (no allowJs): lint it without type information.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false }, globals: nodeGlobals },
  },
  {
    files: ['src/site/public/**/*.js'],
    languageOptions: { globals: browserGlobals },
  },
);
