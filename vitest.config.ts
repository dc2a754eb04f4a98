import { defineConfig } from 'vitest/config';

// Tiers by filename (docs/architecture.md, "Adding a feature"). Integration files each open their own database, so they run in
// separate forks; PGlite costs ~0.8 GB per instance, so at most two at once on this 2-core machine. Their databases
// start as copies of one migrated once per run by the global setup (tests/support/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{src,projections,tests,web}/**/*.unit.test.{ts,tsx}'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: ['tests/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
