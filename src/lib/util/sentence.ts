/** A phrase as the start of a sentence: "beat 2.3" → "Beat 2.3". */
export function capitalize(text: string): string {
	return text.replace(/^./, (c) => c.toUpperCase());
}
