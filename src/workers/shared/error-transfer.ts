import { transferHandlers } from 'comlink';

/** An error as it crosses comlink: what the page needs to name it and act on it. */
export interface SerializedError {
	name: string;
	message: string;
	stack?: string;
	/** The error's `kind` (`MediaError`, `UpscaleError`), when it has one. */
	kind?: string;
}

/** Turns an error that crossed back into an instance of its own class, found by its name. */
export type ErrorReviver = (data: SerializedError) => Error;

const revivers = new Map<string, ErrorReviver>();

/** What of `error` crosses: name, message, stack and a string `kind`. */
export function serializeError(error: Error): SerializedError {
	const kind = (error as { kind?: unknown }).kind;
	return {
		name: error.name,
		message: error.message,
		stack: error.stack,
		kind: typeof kind === 'string' ? kind : undefined
	};
}

/**
 * The error again on this side: its own class when a reviver is registered for its name,
 * otherwise an `Error` with the same name, message and kind.
 */
export function reviveError(data: SerializedError): Error {
	const revive = revivers.get(data.name);
	const error = revive ? revive(data) : new Error(data.message);
	if (!revive) {
		error.name = data.name;
		if (data.kind !== undefined) Object.assign(error, { kind: data.kind });
	}
	if (data.stack) error.stack = data.stack;
	return error;
}

let installed = false;

/**
 * Make errors keep their name and kind across comlink (comlink's own handler passes only
 * message, name and stack, and always as a plain `Error`). Installed on both sides by
 * `startWorker` (the page) and `serveWorker` (the worker); `revive` maps error names to
 * their classes so `instanceof` works on the page.
 */
export function installErrorTransfer(revive: Record<string, ErrorReviver> = {}): void {
	for (const [name, reviver] of Object.entries(revive)) revivers.set(name, reviver);
	const original = transferHandlers.get('throw');
	if (!original || installed) return;
	installed = true;
	transferHandlers.set('throw', {
		// Comlink marks thrown values with a private symbol: only its own check can see it.
		canHandle: (value: unknown): value is { value: unknown } => original.canHandle(value),
		serialize: ({ value }: { value: unknown }) => {
			const serialized =
				value instanceof Error
					? { isError: true, value: serializeError(value) }
					: { isError: false, value };
			return [serialized, []];
		},
		deserialize: (serialized: { isError: boolean; value: unknown }) => {
			if (!serialized.isError) throw serialized.value;
			throw reviveError(serialized.value as SerializedError);
		}
	});
}
