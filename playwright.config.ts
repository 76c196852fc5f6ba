import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
const PORT = Number(process.env.E2E_PORT ?? 4318);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		acceptDownloads: true,
		trace: 'retain-on-failure',
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
	},
	webServer: {
		command: `node scripts/serve.mjs build ${PORT}`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		stdout: 'ignore'
	}
});
