// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.bench/**', 'node_modules/**', 'bench-results/**', 'test-results/**', 'test/unit/wire/pcap/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Determinism: the engine's time comes from its scheduler, randomness from its seeded RNG.
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the kernel\'s seeded Rng: the engine must be deterministic.' },
        { object: 'Date', property: 'now', message: 'Use the scheduler\'s virtual time.' },
        { object: 'performance', property: 'now', message: 'Use the scheduler\'s virtual time.' },
      ],
      'no-restricted-globals': ['error', { name: 'window', message: 'The engine is pure: no DOM.' }, { name: 'document', message: 'The engine is pure: no DOM.' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/shell/**', '**/ui/**', '**/docker/**', '**/scenario/**', '**/cli/**', '**/api/**', 'cytoscape', 'zustand', 'comlink'], message: 'src/engine knows nothing above it.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine/**', '**/shell/**', '**/scenario/**', '**/docker/**'], allowTypeImports: true, message: 'The UI reaches the engine only through src/api/client.ts; import types only.' },
          ],
        },
      ],
    },
  },
);
