/** The lists of a director's answer whose objects are handed over: its shots and its cast. */
export type AnswerList = 'shots' | 'cast';

/**
 * Finds the shot objects in a director's reply while it streams: each object of the shot list
 * is handed over the moment its closing brace arrives, whatever way the text is split. It
 * accepts `{"shots":[…]}`, a bare `[…]`, JSON inside a code fence, and prose around it. The
 * objects of the root's `cast` list (a sibling of `shots`) go to `onCast` the same way; a shot's
 * own `cast` key, deeper down, is part of the shot.
 */
export class ShotStreamParser {
	#text = '';
	#scan = 0;
	/** Nesting of the containers open at `#scan`: '{' or '['. */
	#stack: string[] = [];
	#inString = false;
	#escaped = false;
	/** Where the list being read opened (stack depth), while inside one. */
	#listDepth = -1;
	/** Which list is open at `#listDepth`. */
	#list: AnswerList | null = null;
	#shotsFound = false;
	#objectStart = -1;
	#rootClosed = false;
	#lastKey = '';
	#keyStart = -1;
	readonly #onObject: (json: string, index: number) => void;
	readonly #onCast: (json: string, index: number) => void;
	#count = 0;
	#castCount = 0;

	constructor(
		onObject: (json: string, index: number) => void,
		onCast: (json: string, index: number) => void = () => {}
	) {
		this.#onObject = onObject;
		this.#onCast = onCast;
	}

	/** Everything received so far (for "view raw output"). */
	get text(): string {
		return this.#text;
	}

	/** How many complete shot objects were handed over. */
	get count(): number {
		return this.#count;
	}

	/** True once the outermost JSON value closed. */
	get complete(): boolean {
		return this.#rootClosed;
	}

	/** Feed the next piece of streamed text. */
	push(chunk: string): void {
		this.#text += chunk;
		const text = this.#text;
		for (let i = this.#scan; i < text.length && !this.#rootClosed; i++) {
			const ch = text[i]!;
			if (this.#inString) {
				if (this.#escaped) this.#escaped = false;
				else if (ch === '\\') this.#escaped = true;
				else if (ch === '"') {
					this.#inString = false;
					if (this.#keyStart >= 0) {
						this.#lastKey = text.slice(this.#keyStart, i);
						this.#keyStart = -1;
					}
				}
				continue;
			}
			if (this.#stack.length === 0) {
				// Outside any JSON value: skip prose and fences until a value starts.
				if (ch === '{' || ch === '[') this.#open(ch, i);
				continue;
			}
			switch (ch) {
				case '"':
					this.#inString = true;
					// A string directly inside an object, right after '{' or ',', is a key.
					this.#keyStart = this.#top() === '{' && this.#expectingKey(text, i) ? i + 1 : -1;
					break;
				case '{':
				case '[':
					this.#open(ch, i);
					break;
				case '}':
				case ']':
					this.#close(i);
					break;
			}
		}
		this.#scan = text.length;
	}

	#top(): string | undefined {
		return this.#stack[this.#stack.length - 1];
	}

	#expectingKey(text: string, quote: number): boolean {
		for (let j = quote - 1; j >= 0; j--) {
			const c = text[j]!;
			if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
			return c === '{' || c === ',';
		}
		return false;
	}

	#open(ch: string, at: number): void {
		if (ch === '[' && this.#list === null) {
			const list = this.#listOpening();
			if (list) {
				this.#list = list;
				this.#listDepth = this.#stack.length + 1;
				if (list === 'shots') this.#shotsFound = true;
			}
		}
		this.#stack.push(ch);
		if (ch === '{' && this.#listDepth > 0 && this.#stack.length === this.#listDepth + 1) {
			this.#objectStart = at;
		}
	}

	/** The list an array opening here is: the root array or the root's `shots` (once), or its `cast`. */
	#listOpening(): AnswerList | null {
		if (this.#stack.length === 0) return this.#shotsFound ? null : 'shots';
		if (this.#top() !== '{' || this.#stack.length !== 1) return null;
		if (/shots/i.test(this.#lastKey)) return this.#shotsFound ? null : 'shots';
		if (/^cast/i.test(this.#lastKey)) return 'cast';
		return null;
	}

	#close(at: number): void {
		const depth = this.#stack.length;
		const closing = this.#stack.pop();
		if (closing === '{' && this.#objectStart >= 0 && depth === this.#listDepth + 1) {
			const json = this.#text.slice(this.#objectStart, at + 1);
			if (this.#list === 'cast') this.#onCast(json, this.#castCount++);
			else this.#onObject(json, this.#count++);
			this.#objectStart = -1;
		}
		if (closing === '[' && depth === this.#listDepth) {
			this.#list = null;
			this.#listDepth = -1;
		}
		if (this.#stack.length === 0) this.#rootClosed = true;
	}
}
