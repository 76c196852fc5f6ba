// How Maestro's tests and benchmarks start Chromium on a machine without a GPU or outside network.

/** Debian's Chromium unless CHROMIUM_PATH names another build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium from calling home (the network here is closed). */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
	// Extra flags for experiments, e.g. CHROMIUM_EXTRA_ARGS='--js-flags=--liftoff-only'.
	...(process.env.CHROMIUM_EXTRA_ARGS?.split(' ').filter(Boolean) ?? [])
];
