// ESLint (flat config) with typescript-eslint's recommended rules, plus the module boundaries of DEVELOPERS.md:
// - a lib imports another lib only through its `@scamintel/<lib>` alias (never `../../<lib>/src`), and libs never
//   import apps: no relative import may climb out of the `src` folder it is written in;
// - a lib is imported through its alias only, never by a path into its files (`@scamintel/<lib>/...`);
// - pure code (every `src/core`, `libs/vocabulary`, `libs/indicators`) imports neither Nest, nor a database or queue
//   client, nor a lib other than the vocabulary and the pure cores.
// The first rule is ESLint's own no-restricted-imports with one pattern per folder depth: a file `d` folders below
// `src` leaves `src` exactly when its import starts with more than `d` `../` (see README.md, "Linting").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const MAX_DEPTH = 8;
const LEAVES_SRC = 'leaves its own src/: import another lib through its @scamintel/* alias (libs never import apps)';
const ALIAS_ONLY = {
  regex: '^@scamintel/[^/]+/',
  message: 'import a lib through its @scamintel/<lib> alias, not a path into its files',
};
const IMPURE = {
  regex: '^(@nestjs/|typeorm$|pg$|bullmq$|ioredis$|fastify$|@scamintel/(?!vocabulary$|[a-z]+-core$))',
  message: 'pure code imports no Nest, database or queue client, and no lib but @scamintel/vocabulary and the *-core aliases',
};

const below = (root, depth) => `${root}/${'*/'.repeat(depth)}*.ts`;
const climbing = (depth) => ({ regex: `^(\\.\\./){${depth + 1},}`, message: LEAVES_SRC });
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const boundaries = [];
for (let depth = 0; depth <= MAX_DEPTH; depth++) {
  boundaries.push({ files: [below('libs/*/src', depth), below('apps/*/src', depth)], rules: restrict(climbing(depth), ALIAS_ONLY) });
}
// Pure folders repeat the boundary patterns: a rule's options are replaced, not merged, by a later matching block.
for (let depth = 0; depth <= MAX_DEPTH; depth++) {
  const files = [below('libs/vocabulary/src', depth), below('libs/indicators/src', depth)];
  if (depth >= 1) files.push(below('libs/*/src/core', depth - 1));
  boundaries.push({ files, ignores: ['**/*.spec.ts'], rules: restrict(climbing(depth), ALIAS_ONLY, IMPURE) });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.jest/**', 'out/**', '**/*.js', '!eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Type information for the three promise rules below (a promise nobody awaits or handles is a lost error);
    // they add about five seconds to a run.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Control characters and escaped `-`/`/` in character classes are deliberate in this project's input cleaning.
      'no-control-regex': 'off',
      'no-useless-escape': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests, benchmarks and scripts read JSON responses and reach into metadata.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  ...boundaries,
);
