#!/usr/bin/env node
// Starts the fake OpenRouter from a shell or a Playwright `webServer` entry:
//   node tests/fake-openrouter/cli.mjs --port 8799 --imageDelayMs 1500 --corsStrict true
// Every FakeMode knob can be passed as --<name> <value>. Prints one JSON line {"url", "origin", "port"}.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const options = {};
for (let i = 0; i < args.length; i += 2) {
	const name = args[i]?.replace(/^--/, '');
	const raw = args[i + 1] ?? 'true';
	if (!name) continue;
	if (name === 'allowedOrigins' && raw !== '*') options[name] = raw.split(',');
	else
		options[name] =
			raw === 'true'
				? true
				: raw === 'false'
					? false
					: /^-?\d+(\.\d+)?$/.test(raw)
						? Number(raw)
						: raw;
}
const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
const fake = await module.startFakeOpenRouter(options);
console.log(JSON.stringify({ url: fake.url, origin: fake.origin, port: fake.port }));
const stop = () => fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
