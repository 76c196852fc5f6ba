/** A new random id for any record. */
export function newId(): string {
	return crypto.randomUUID();
}
