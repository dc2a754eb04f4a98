import { defineConfig } from 'vitest/config';

// Tiers by filename (docs/architecture.md, "Adding a feature"). Integration files each open their own database; PGlite
// costs ~0.8 GB per instance, so at most two files run at once on this 2-core machine. Their databases start as copies
// of one migrated once per run by the global setup (tests/support/global-setup.ts). The forks of the int and e2e
// projects run file after file without a fresh module graph each (`isolate: false`): importing the app took ~3 s per
// file, a third of the PGlite suite's time (381 s -> 239 s; Postgres ~3.9 -> 2.3 min; browser tests ~70 s less). Nothing of ours keeps state per module that a file could leave behind (stores, pools and caches are
// per instance), and no test changes process.env or mocks a module.
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
          isolate: false,
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
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
