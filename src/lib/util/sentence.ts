/** A phrase as the start of a sentence: "beat 2.3" → "Beat 2.3". */
export function capitalize(text: string): string {
	return text.replace(/^./, (c) => c.toUpperCase());
}

/** Words as a list in a sentence: "Mara", "Mara and Tomas", "Mara, Tomas and Harbour". */
export function joinWords(words: readonly (string | number)[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
