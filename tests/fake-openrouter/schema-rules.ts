/**
 * What the providers behind OpenRouter refuse in a `response_format.json_schema.schema`, as
 * their documentation states it (sources in README.md, "Provider rules"). Each check returns
 * the provider's own message for the first problem found, or null.
 */

type Schema = Record<string, unknown>;

const isRecord = (value: unknown): value is Schema =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords OpenAI's strict mode documents as supported ("Supported schemas"). */
const OPENAI_KEYWORDS = new Set([
	'type',
	'properties',
	'required',
	'additionalProperties',
	'items',
	'enum',
	'const',
	'anyOf',
	'description',
	'title',
	'$ref',
	'$defs',
	'definitions',
	'$schema',
	// strings
	'pattern',
	'format',
	// numbers
	'multipleOf',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	// arrays
	'minItems',
	'maxItems'
]);

/** OpenAI's published size limits for a strict schema. */
export const OPENAI_LIMITS = { maxDepth: 10, maxProperties: 5000, maxEnumValues: 1000 };

const contextOf = (path: readonly string[]) =>
	`context=(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;

/**
 * OpenAI strict mode: the root is an object; every object lists every property in `required`
 * and sets `additionalProperties: false`; only supported keywords; within the size limits.
 * The message follows the one OpenAI sends ("Invalid schema for response_format '<name>': …").
 */
export function openAiStrictSchemaProblem(schema: unknown, name: string): string | null {
	const prefix = `Invalid schema for response_format '${name}': `;
	if (!isRecord(schema) || schema.type !== 'object' || 'anyOf' in schema) {
		return `${prefix}schema must be a JSON Schema of 'type: "object"', got 'type: "${isRecord(schema) ? String(schema.type ?? 'None') : 'None'}"'.`;
	}
	let properties = 0;
	let enumValues = 0;
	const walk = (node: unknown, path: string[], depth: number): string | null => {
		if (!isRecord(node)) return null;
		for (const key of Object.keys(node)) {
			if (!OPENAI_KEYWORDS.has(key)) return `In ${contextOf(path)}, '${key}' is not permitted.`;
		}
		if (Array.isArray(node.enum)) enumValues += node.enum.length;
		const isObject =
			node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
		if (isObject || isRecord(node.properties)) {
			if (depth > OPENAI_LIMITS.maxDepth) {
				return `${depth} levels of nesting exceeds limit of ${OPENAI_LIMITS.maxDepth}.`;
			}
			const props = isRecord(node.properties) ? node.properties : {};
			const keys = Object.keys(props);
			properties += keys.length;
			const required = Array.isArray(node.required) ? node.required : null;
			const missing = keys.filter((key) => !required?.includes(key));
			if (!required || missing.length) {
				return `In ${contextOf(path)}, 'required' is required to be supplied and to be an array including every key in properties.${missing.length ? ` Missing '${missing[0]}'.` : ''}`;
			}
			if (node.additionalProperties !== false) {
				return `In ${contextOf(path)}, 'additionalProperties' is required to be supplied and to be false.`;
			}
			for (const key of keys) {
				const found = walk(props[key], [...path, 'properties', key], depth + 1);
				if (found) return found;
			}
		} else if (
			!('type' in node) &&
			!('anyOf' in node) &&
			!('$ref' in node) &&
			!('enum' in node) &&
			!('const' in node)
		) {
			return `In ${contextOf(path)}, schema must have a 'type' key.`;
		}
		if (node.items !== undefined) {
			const found = walk(node.items, [...path, 'items'], depth);
			if (found) return found;
		}
		if (Array.isArray(node.anyOf)) {
			for (const [index, branch] of node.anyOf.entries()) {
				const found = walk(branch, [...path, 'anyOf', String(index)], depth);
				if (found) return found;
			}
		}
		for (const defs of [node.$defs, node.definitions]) {
			if (!isRecord(defs)) continue;
			for (const [key, def] of Object.entries(defs)) {
				const found = walk(def, [...path, '$defs', key], depth);
				if (found) return found;
			}
		}
		return null;
	};
	const problem = walk(schema, [], 1);
	if (problem) return prefix + problem;
	if (properties > OPENAI_LIMITS.maxProperties) {
		return `${prefix}${properties} object properties exceeds limit of ${OPENAI_LIMITS.maxProperties}.`;
	}
	if (enumValues > OPENAI_LIMITS.maxEnumValues) {
		return `${prefix}${enumValues} enum values exceeds limit of ${OPENAI_LIMITS.maxEnumValues}.`;
	}
	return null;
}

/**
 * The fields of Gemini's `Schema` object (a subset of OpenAPI 3.0), plus `additionalProperties`,
 * which the JSON-Schema path of the Gemini API accepts since its November 2025 update.
 */
const GEMINI_KEYWORDS = new Set([
	'type',
	'format',
	'title',
	'description',
	'nullable',
	'enum',
	'maxItems',
	'minItems',
	'properties',
	'required',
	'minProperties',
	'maxProperties',
	'minLength',
	'maxLength',
	'pattern',
	'example',
	'anyOf',
	'propertyOrdering',
	'default',
	'items',
	'minimum',
	'maximum',
	'additionalProperties'
]);

/** Gemini: a keyword outside its schema subset is refused ("Unknown name … Cannot find field."). */
export function geminiSchemaProblem(schema: unknown): string | null {
	const walk = (node: unknown, path: string): string | null => {
		if (!isRecord(node)) return null;
		for (const key of Object.keys(node)) {
			if (!GEMINI_KEYWORDS.has(key)) {
				return `Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`;
			}
		}
		const children: [unknown, string][] = [
			...Object.entries(isRecord(node.properties) ? node.properties : {}).map(
				([key, value]): [unknown, string] => [value, `${path}.properties[${key}].value`]
			),
			[node.items, `${path}.items`],
			...(Array.isArray(node.anyOf) ? node.anyOf : []).map((value, index): [unknown, string] => [
				value,
				`${path}.any_of[${index}]`
			])
		];
		for (const [child, childPath] of children) {
			const found = walk(child, childPath);
			if (found) return found;
		}
		return null;
	};
	return walk(schema, 'generation_config.response_schema');
}

/** Keywords Anthropic's structured outputs refuse: numeric, string-length and array-size bounds. */
const ANTHROPIC_REFUSED = [
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'multipleOf',
	'minLength',
	'maxLength',
	'maxItems',
	'uniqueItems',
	'minProperties',
	'maxProperties'
];

/**
 * Anthropic's structured outputs: no numeric, length or size bounds (`minItems` only 0 or 1),
 * and `additionalProperties: false` on every object. The message is Anthropic's own
 * ("output_format.schema: For 'integer' type, property 'minimum' is not supported").
 */
export function anthropicSchemaProblem(schema: unknown): string | null {
	const walk = (node: unknown): string | null => {
		if (!isRecord(node)) return null;
		const type = Array.isArray(node.type) ? String(node.type[0]) : String(node.type ?? 'object');
		const refused = ANTHROPIC_REFUSED.find((key) => key in node);
		if (refused)
			return `output_format.schema: For '${type}' type, property '${refused}' is not supported`;
		if (typeof node.minItems === 'number' && node.minItems > 1) {
			return `output_format.schema: For 'array' type, 'minItems' values other than 0 or 1 are not supported`;
		}
		if (node.type === 'object' && node.additionalProperties !== false) {
			return `output_format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false`;
		}
		const children = [
			...Object.values(isRecord(node.properties) ? node.properties : {}),
			node.items,
			...(Array.isArray(node.anyOf) ? node.anyOf : []),
			...Object.values(isRecord(node.$defs) ? node.$defs : {})
		];
		for (const child of children) {
			const found = walk(child);
			if (found) return found;
		}
		return null;
	};
	return walk(schema);
}
