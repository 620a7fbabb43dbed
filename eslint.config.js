// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint/boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'admin/dist/**', 'admin/node_modules/**', '.tap/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Layer and feature boundaries (ARCHITECTURE.md): lower layers never import upward or sideways,
    // everyone else goes through a layer's or feature folder's index.ts.
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: {
      'boundaries/layers': [
        'error',
        {
          root: import.meta.dirname,
          // Shared service plumbing, imported file by file: route declarations and HTTP helpers,
          // auth primitives (roles, tokens, key file), the common route helpers.
          kernel: [
            'appliance/http',
            'appliance/auth',
            'appliance/routes',
            'appliance/agents',
            'appliance/business',
            'appliance/users',
            'appliance/system',
          ],
        },
      ],
    },
  },
  {
    // The admin web UI (admin/src): browser code, Preact TSX.
    files: ['admin/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        history: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
        addEventListener: 'readonly',
        XMLHttpRequest: 'readonly',
        FormData: 'readonly',
        Headers: 'readonly',
        Response: 'readonly',
        URLSearchParams: 'readonly',
        performance: 'readonly',
        confirm: 'readonly',
        HTMLElement: 'readonly',
      },
    },
  },
);
