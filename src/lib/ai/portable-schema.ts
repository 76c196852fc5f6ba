type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bounds some providers refuse in a structured-output schema (Anthropic: numbers, lengths, sizes). */
const BOUNDS = ['minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength'] as const;

function boundsInWords(node: Node): string {
	const { minimum, maximum, minItems, maxItems, minLength, maxLength } = node;
	if (minItems !== undefined && minItems === maxItems) return `Exactly ${String(minItems)} items.`;
	const parts: string[] = [];
	if (minimum !== undefined && maximum !== undefined)
		parts.push(`From ${String(minimum)} to ${String(maximum)}.`);
	else if (minimum !== undefined) parts.push(`At least ${String(minimum)}.`);
	else if (maximum !== undefined) parts.push(`At most ${String(maximum)}.`);
	if (minItems !== undefined) parts.push(`At least ${String(minItems)} items.`);
	if (maxItems !== undefined) parts.push(`At most ${String(maxItems)} items.`);
	if (minLength !== undefined) parts.push(`At least ${String(minLength)} characters.`);
	if (maxLength !== undefined) parts.push(`At most ${String(maxLength)} characters.`);
	return parts.join(' ');
}

/**
 * A JSON Schema every structured-output provider behind OpenRouter accepts: OpenAI's strict
 * mode, Gemini's subset and Anthropic's (which refuses numeric, length and size bounds). The
 * bounds move into the description, where the model reads them; the answer is still checked
 * against them after it arrives.
 */
export function portableSchema(schema: Node): Node {
	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(walk);
		if (!isNode(node)) return node;
		const words = boundsInWords(node);
		const out: Node = {};
		for (const [key, value] of Object.entries(node)) {
			if ((BOUNDS as readonly string[]).includes(key)) continue;
			// Property names and enum values are data, not schemas: copy them as they are.
			out[key] =
				key === 'properties' && isNode(value)
					? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, walk(sub)]))
					: key === 'enum' || key === 'required'
						? value
						: walk(value);
		}
		if (words) {
			out.description = typeof out.description === 'string' ? `${out.description} ${words}` : words;
		}
		return out;
	};
	return walk(schema) as Node;
}
