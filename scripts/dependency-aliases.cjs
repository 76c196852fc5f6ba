// SvelteKit's `$lib` alias for dependency-cruiser (see .dependency-cruiser.cjs).
const { resolve } = require('node:path');

module.exports = { resolve: { alias: { $lib: resolve(__dirname, '../src/lib') } } };
