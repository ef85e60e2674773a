import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The fixture extensions are plain JavaScript that VS Code loads as they are (test/fixtures/agentStandIn, bareCustomEditor), outside the TypeScript project.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.tooling/**', 'test/fixtures/agentStandIn/**', 'test/fixtures/bareCustomEditor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
