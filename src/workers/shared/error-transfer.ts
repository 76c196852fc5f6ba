import { transferHandlers } from 'comlink';
import type { MediaErrorKind } from '$lib/media/meta';
import { MediaError } from './media-error';

let installed = false;

interface SerializedError {
	message: string;
	name: string;
	stack?: string;
	kind?: MediaErrorKind;
}

/**
 * Make errors keep their kind across comlink: comlink's own handler passes only message, name
 * and stack. Install it on both sides (the worker and the facade).
 */
export function installErrorTransfer(): void {
	const original = transferHandlers.get('throw');
	if (!original || installed) return;
	installed = true;
	transferHandlers.set('throw', {
		// Comlink marks thrown values with a private symbol: only its own check can see it.
		canHandle: (value: unknown): value is { value: unknown } => original.canHandle(value),
		serialize: ({ value }: { value: unknown }) => {
			const serialized: { isError: boolean; value: unknown } =
				value instanceof Error
					? {
							isError: true,
							value: {
								message: value.message,
								name: value.name,
								stack: value.stack,
								kind: value instanceof MediaError ? value.kind : undefined
							} satisfies SerializedError
						}
					: { isError: false, value };
			return [serialized, []];
		},
		deserialize: (serialized: { isError: boolean; value: unknown }) => {
			if (!serialized.isError) throw serialized.value;
			const data = serialized.value as SerializedError;
			const error = data.kind ? new MediaError(data.kind, data.message) : new Error(data.message);
			if (!data.kind) error.name = data.name;
			if (data.stack) error.stack = data.stack;
			throw error;
		}
	});
}
