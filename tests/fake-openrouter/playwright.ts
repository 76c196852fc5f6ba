import { test as base } from '@playwright/test';
import { startFakeOpenRouter, type FakeOpenRouter } from './server';

/** Playwright `test` with a worker-scoped `fake` (one server per worker) that is reset before each test. */
export const test = base.extend<{ fakeReset: void }, { fake: FakeOpenRouter }>({
	fake: [
		async ({}, use) => {
			const fake = await startFakeOpenRouter();
			await use(fake);
			await fake.close();
		},
		{ scope: 'worker' }
	],
	fakeReset: [
		async ({ fake }, use) => {
			fake.reset();
			// Shots of one beat, as a director writes static shots, unless a spec asks for the
			// fake's plan of beats (`setMode({ beatsPerShot: null })`, as the director specs do);
			// and no cast unless a spec asks for one (`setMode({ directorCast: true })`).
			fake.setMode({ beatsPerShot: 1, directorCast: false });
			await use();
		},
		{ auto: true }
	]
});

export { expect } from '@playwright/test';
