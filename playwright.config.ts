import { defineConfig } from '@playwright/test';

// End-to-end tests against the built site in dist/, in Debian's Chromium (no browser download).
// A port per run (the main process picks it; workers inherit the environment), so two runs on
// one machine never collide.
process.env.E2E_PORT ??= String(20000 + (process.pid % 20000));
const port = Number(process.env.E2E_PORT);
// The same site under a sub-path, as GitHub Pages serves it (/<repository>/).
process.env.E2E_SUBPATH_URL ??= `http://127.0.0.1:${port + 1}/passk-lens/`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      stderr: 'ignore',
    },
    {
      command: `mkdir -p target/subpath && ln -sfn ../../dist target/subpath/passk-lens && python3 -m http.server ${port + 1} --bind 127.0.0.1 --directory target/subpath`,
      url: process.env.E2E_SUBPATH_URL,
      reuseExistingServer: !process.env.CI,
      stderr: 'ignore',
    },
  ],
});
