// The layering rules of docs/ARCHITECTURE.md, checked by `npm run check` (dependency-cruiser).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'domain-is-pure',
			comment: 'Record types and pure rules import nothing else of the app.',
			severity: 'error',
			from: { path: '^src/lib/domain/' },
			to: { path: '^src/(lib/(?!domain/)|workers/|routes/)' }
		},
		{
			name: 'workers-import-only-meta-types',
			comment:
				'Workers import src/workers/shared and, for types only, the meta.ts files of lib; never DOM code.',
			severity: 'error',
			from: { path: '^src/workers/' },
			to: {
				path: '^src/(lib|routes)/',
				pathNot: '^src/lib/[^/]+/meta\\.ts$'
			}
		},
		{
			name: 'workers-meta-imports-are-types',
			comment: 'A worker takes only types from a meta.ts, so no page code is bundled into it.',
			severity: 'error',
			from: { path: '^src/workers/' },
			to: { path: '^src/lib/[^/]+/meta\\.ts$', dependencyTypesNot: ['type-only'] }
		},
		{
			name: 'pages-go-through-state',
			comment:
				'Routes and shared UI render state and call sessions and facades: never IndexedDB or a worker.',
			severity: 'error',
			from: { path: '^src/(routes|lib/ui)/' },
			to: { path: '^src/(lib/store|workers)/' }
		},
		{
			name: 'pages-use-capability-facades',
			comment:
				'Routes and shared UI take from a capability folder only its meta.ts (types, options), client.ts (the facade) and session.svelte.ts (the state they render).',
			severity: 'error',
			from: { path: '^src/(routes|lib/ui)/' },
			to: {
				path: '^src/lib/(media|director|render|animate|upscale|export|play)/',
				pathNot: '^src/lib/[^/]+/(meta|client|session\\.svelte)\\.ts$'
			}
		},
		{
			name: 'pages-use-ai-settings-only',
			comment:
				'The OpenRouter plumbing is for sessions: pages read only the AI options, the model catalogue and cost formatting, and never drive the job runner.',
			severity: 'error',
			from: { path: '^src/(routes|lib/ui)/' },
			to: {
				path: '^src/lib/(ai|jobs)/',
				pathNot: '^src/lib/ai/(meta|catalogue|costs)\\.ts$'
			}
		},
		{
			name: 'store-is-below-the-app',
			comment:
				'The store knows records, not the AI (plumbing or capabilities), the UI or the state that reads it.',
			severity: 'error',
			from: { path: '^src/lib/store/' },
			to: { path: '^src/(lib/(ai|ui|state|director|render|animate)|routes)/' }
		},
		{
			name: 'no-circular',
			severity: 'warn',
			from: { path: '^src/' },
			to: { circular: true }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		includeOnly: '^src/',
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		// SvelteKit's `$lib` alias: its generated tsconfig declares it without the baseUrl the
		// resolver needs, so it is given as a webpack-style resolve configuration.
		webpackConfig: { fileName: 'scripts/dependency-aliases.cjs' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte']
		}
	}
};
