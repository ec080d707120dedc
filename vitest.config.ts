import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests run the pipeline as a user would, and browser tests start chromium.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
