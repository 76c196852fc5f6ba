// The layering rules of .dependency-cruiser.cjs, applied to the imports in .svelte files'
// <script> blocks, type-only ones included. dependency-cruiser reads a .svelte file through
// the Svelte 5 compiler, whose output has no type imports left, so it cannot see
// `import type { X } from '$lib/store/…'` in a component. Run by `npm run check`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { forbidden } = require(join(root, '.dependency-cruiser.cjs'));

/** Every .svelte file under `dir`, as paths from the repository root. */
function svelteFiles(dir) {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(join(root, path)).isDirectory()) return svelteFiles(path);
		return name.endsWith('.svelte') ? [path] : [];
	});
}

/** The contents of a component's <script> blocks (instance and module). */
function scripts(source) {
	return [...source.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

/** Every module a script names: imports, re-exports and `import('…')` types, each marked type-only or not. */
function importsOf(code) {
	const file = ts.createSourceFile('component.ts', code, ts.ScriptTarget.Latest, true);
	const found = [];
	const visit = (node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			const named = clause?.namedBindings;
			const typeOnly =
				clause !== undefined &&
				(clause.isTypeOnly ||
					(clause.name === undefined &&
						named !== undefined &&
						ts.isNamedImports(named) &&
						named.elements.length > 0 &&
						named.elements.every((element) => element.isTypeOnly)));
			found.push({ specifier: node.moduleSpecifier.text, typeOnly });
		} else if (
			ts.isExportDeclaration(node) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		) {
			found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
		} else if (
			ts.isImportTypeNode(node) &&
			ts.isLiteralTypeNode(node.argument) &&
			ts.isStringLiteral(node.argument.literal)
		) {
			found.push({ specifier: node.argument.literal.text, typeOnly: true });
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

/** The file an import names, from the repository root; undefined outside src/ (packages, `$app`). */
function resolveImport(specifier, from) {
	let base;
	if (specifier === '$lib' || specifier.startsWith('$lib/')) {
		base = join('src/lib', specifier.slice('$lib'.length));
	} else if (specifier.startsWith('.')) {
		base = join(dirname(from), specifier);
	} else {
		return undefined;
	}
	const candidates = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')];
	const hit = candidates.find(
		(path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile()
	);
	return (hit ?? base).split('\\').join('/');
}

/** Whether `rule` forbids a dependency from `from` on `to`. */
function breaks(rule, from, to, typeOnly) {
	if (!rule.from?.path || !rule.to?.path || rule.to.circular !== undefined) return false;
	if (!new RegExp(rule.from.path).test(from)) return false;
	if (rule.from.pathNot && new RegExp(rule.from.pathNot).test(from)) return false;
	if (!new RegExp(rule.to.path).test(to)) return false;
	if (rule.to.pathNot && new RegExp(rule.to.pathNot).test(to)) return false;
	if (typeOnly && rule.to.dependencyTypesNot?.includes('type-only')) return false;
	return true;
}

const found = [];
let checked = 0;
for (const file of svelteFiles('src')) {
	for (const code of scripts(readFileSync(join(root, file), 'utf8'))) {
		for (const { specifier, typeOnly } of importsOf(code)) {
			const to = resolveImport(specifier, file);
			if (!to) continue;
			checked += 1;
			for (const rule of forbidden) {
				if (rule.severity === 'error' && breaks(rule, file, to, typeOnly)) {
					found.push({ rule: rule.name, from: file, to, typeOnly });
				}
			}
		}
	}
}

const describe = ({ rule, from, to, typeOnly }) =>
	`${rule}: ${from} → ${relative('.', to)}${typeOnly ? ' (type-only)' : ''}`;
const violations = found;
for (const v of violations) console.error(`  error ${describe(v)}`);
if (violations.length > 0) {
	console.error(`\n✘ ${violations.length} import rule violations in .svelte files`);
	process.exit(1);
}
console.log(`✔ no import rule violations in .svelte files (${checked} imports checked)`);
