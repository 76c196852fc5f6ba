/** Extra API keys, one per line, optionally grouped as "label: key". */
export interface KeyPools {
	/** Keys by pool label; unlabelled keys are in no named pool, only in "all keys". */
	named: Map<string, string[]>;
	/** Every key, main key first, without repeats. */
	all: string[];
}

const LABELLED = /^([^:\s][^:]{0,39}):\s*(\S+)$/;

/**
 * Read the key pool text: blank lines and lines starting with # are skipped; "label: key"
 * puts a key in a named pool a style can pick. The main key always serves "all keys".
 */
export function parseKeyPools(text: string, mainKey = ''): KeyPools {
	const named = new Map<string, string[]>();
	const all = mainKey.trim() ? [mainKey.trim()] : [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		const match = LABELLED.exec(line);
		const key = match ? match[2]! : line;
		if (/\s/.test(key)) continue;
		if (match) {
			const label = match[1]!.trim();
			const list = named.get(label) ?? [];
			if (!list.includes(key)) list.push(key);
			named.set(label, list);
		}
		if (!all.includes(key)) all.push(key);
	}
	return { named, all };
}

/** The keys a style renders with: its named pool when it has one that exists, else all. */
export function keysForPool(pools: KeyPools, label: string | undefined): string[] {
	const named = label ? pools.named.get(label) : undefined;
	return named && named.length > 0 ? named : pools.all;
}
