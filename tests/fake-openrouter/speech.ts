/** A line someone says in the brief: `Ana says: "We leave tonight."`, straight or curly quotes. */
const SPOKEN =
	/([\p{Lu}][\p{L}'-]*(?: [\p{Lu}][\p{L}'-]*)?)\s+(?:says|said|asks|asked|whispers|shouts|replies|calls)[,:]?\s*["“]([^"”\n]+)["”]/gu;
/** A sound named in the brief: "the sound of rain", "music: a slow piano". */
const SOUND = /\b(?:sound of|sounds of|music:)\s*([^.,;"“\n]+)/iu;

/** The text after "Premise:", "Context:" and the like: what the person wrote, not our prompt. */
function briefLines(text: string): string {
	return [...text.matchAll(/(?:premise|idea|context|scene description)\s*:\s*([^\n]+)/giu)]
		.map((match) => match[1])
		.join('\n');
}

/** The lines spoken in the brief, in order, as the director's dialogue. */
export function spokenLines(text: string): { speaker: string; line: string }[] {
	return [...briefLines(text).matchAll(SPOKEN)].map((match) => ({
		speaker: match[1] ?? '',
		line: (match[2] ?? '').trim()
	}));
}

/** The sound the brief names, or '' when it names none. */
export function soundOf(text: string): string {
	return SOUND.exec(briefLines(text))?.[1]?.trim() ?? '';
}
