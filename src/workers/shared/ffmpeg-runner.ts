import { useThreadsFor } from './core-choice';
import { ffmpegThreads, threadsReturned, withThreadCaps } from './core-thread-pool';
import { canUseThreads, loadCore, type FFmpegCore } from './ffmpeg-core';
import { collectReadsSooner, type WorkerFs } from './workerfs-reads';

/** After this many runs an instance is replaced: one instance crashed after about 30 here. */
const RUNS_PER_INSTANCE = 20;
/** How many times a run that crashed the core is tried again on a fresh instance. */
const CRASH_RETRIES = 2;
const INPUT_DIR = '/input';
/** A device whose writes go to the current sink instead of memory (see `execToSink`). */
export const SINK_PATH = '/dev/maestro-sink';

/** The result of one ffmpeg or ffprobe run: exit code and what it logged. */
export interface RunResult {
	code: number;
	log: string[];
}

/** A core instance that crashed (a wasm trap), as opposed to ffmpeg reporting an error. */
export class CoreCrash extends Error {
	override name = 'CoreCrash';
}

/**
 * Runs ffmpeg and ffprobe over one mounted input on a core that is loaded on first use,
 * replaced before it wears out, and replaced after a crash (the run is then tried again).
 */
export class FFmpegRunner {
	#core: Promise<FFmpegCore> | undefined;
	#loaded: FFmpegCore | undefined;
	#runs = 0;
	/** The instance aborted inside a run: it must not run again. */
	#spent = false;
	#log: string[] = [];
	#onLine: ((line: string) => void) | undefined;
	#inputs: { name: string; data: Blob }[] = [];
	#sink: ((bytes: Uint8Array) => void) | undefined;
	readonly #allowThreads: boolean;
	#threads: boolean;
	/** Threads one ffmpeg run may use for decoding and for filtering (multi-thread core only). */
	readonly ffmpegThreads = ffmpegThreads(self.navigator?.hardwareConcurrency ?? 1);

	/** `threads: false` keeps this runner on the single-thread core whatever the page allows. */
	constructor(threads = true) {
		this.#allowThreads = threads;
		this.#threads = threads && canUseThreads();
	}

	/** Whether the multi-thread core runs (or will run) the current input. */
	get threads(): boolean {
		return this.#threads;
	}

	/** Bytes of the loaded core's wasm heap (0 when none is loaded): it grows and never shrinks. */
	get heapBytes(): number {
		return this.#loaded?.HEAPU8?.buffer.byteLength ?? 0;
	}

	/** Path of the mounted input inside the core's file system. */
	get inputPath(): string {
		return `${INPUT_DIR}/${this.#inputs[0]?.name ?? 'clip'}`;
	}

	/** Make `blob` readable at `inputPath` without copying it (WORKERFS reads slices on demand). */
	async setInput(blob: Blob, name: string): Promise<void> {
		// Large clips go to the single-thread core (see core-choice.ts); switching cores reloads.
		const threads = this.#allowThreads && useThreadsFor(blob.size, canUseThreads());
		if (threads !== this.#threads) {
			this.recycle();
			this.#threads = threads;
		}
		await this.setInputFiles([{ name: safeName(name), blob }]);
	}

	/** Make several files readable at `inputFilePath(name)`; names must be plain and unique. */
	async setInputFiles(files: readonly { name: string; blob: Blob }[]): Promise<void> {
		this.#inputs = files.map(({ name, blob }) => ({ name, data: blob }));
		const core = await this.#ready();
		this.#mount(core);
	}

	/** Where a file given to `setInputFiles` is found. */
	inputFilePath(name: string): string {
		return `${INPUT_DIR}/${name}`;
	}

	/** Load the core now (e.g. to time loading apart from work). */
	async warmUp(): Promise<void> {
		await this.#ready();
	}

	/** Run ffmpeg; `onLine` sees each log line as it is printed. Retries on a core crash. */
	exec(args: string[], onLine?: (line: string) => void): Promise<RunResult> {
		return this.#run((core) => core.exec(...this.#capped(args)), onLine);
	}

	/**
	 * Run ffmpeg once with its output file at `SINK_PATH` streamed to `onBytes` as it is written
	 * (nothing piles up in memory). A crash is not retried: it throws CoreCrash, so the caller
	 * can resume from where the stream stopped.
	 */
	async execToSink(
		args: string[],
		onBytes: (bytes: Uint8Array) => void,
		onLine?: (line: string) => void
	): Promise<RunResult> {
		this.#sink = onBytes;
		try {
			return await this.#run((core) => core.exec(...this.#capped(args)), onLine, 0);
		} finally {
			this.#sink = undefined;
		}
	}

	/** Run ffprobe; retries on a core crash. */
	ffprobe(args: string[]): Promise<RunResult> {
		return this.#run((core) => core.ffprobe(...args));
	}

	/** Read and delete a file the last run wrote, or undefined when it was not written. */
	async takeFile(path: string): Promise<Uint8Array | undefined> {
		const core = await this.#ready();
		if (!core.FS.analyzePath(path).exists) return undefined;
		const data = core.FS.readFile(path);
		core.FS.unlink(path);
		return data;
	}

	/** Drop the current instance (ending its thread workers); the next run loads a fresh one. */
	recycle(): void {
		try {
			this.#loaded?.PThread?.terminateAllThreads();
		} catch {
			// A crashed instance may fail to clean up; its workers go when this worker goes.
		}
		this.#loaded = undefined;
		this.#core = undefined;
		this.#runs = 0;
		this.#spent = false;
	}

	/** On the multi-thread core, `args` with ffmpeg's threads capped to fit the thread pool. */
	#capped(args: string[]): string[] {
		return this.#threads ? withThreadCaps(args, this.ffmpegThreads) : args;
	}

	async #run(
		call: (core: FFmpegCore) => number,
		onLine?: (line: string) => void,
		retries = CRASH_RETRIES
	): Promise<RunResult> {
		for (let attempt = 0; ; attempt++) {
			if (this.#runs >= RUNS_PER_INSTANCE || this.#spent) this.recycle();
			let core = await this.#ready();
			if (!(await threadsReturned(core.PThread))) {
				this.recycle();
				core = await this.#ready();
			}
			this.#runs++;
			this.#log = [];
			this.#onLine = onLine;
			try {
				call(core);
				const code = core.ret;
				// ffmpeg's exit after some decoder failures (AV1 without a decoder: "Invalid data") ends
				// in an abort the core survives only in name: every later run on it fails. The run's
				// answer (and any file it wrote) stands; the next run gets a fresh instance.
				// (A run that succeeded and then logged an abort leaves a core that still works.)
				if (code !== 0 && this.#log.some((line) => line.startsWith('Aborted('))) this.#spent = true;
				else core.reset();
				return { code, log: this.#log };
			} catch (error) {
				this.recycle();
				if (attempt >= retries) {
					throw new CoreCrash(`The video engine crashed: ${String(error)}`, { cause: error });
				}
			} finally {
				this.#onLine = undefined;
			}
		}
	}

	#ready(): Promise<FFmpegCore> {
		if (!this.#core) {
			const loading = loadCore(this.#threads, this.ffmpegThreads).then((core) => {
				core.setLogger(({ message }) => {
					this.#log.push(message);
					if (this.#log.length > 4000) this.#log.splice(0, 2000);
					this.#onLine?.(message);
				});
				core.FS.mkdir(INPUT_DIR);
				this.#makeSinkDevice(core);
				this.#mount(core);
				this.#loaded = core;
				return core;
			});
			// Dropped on failure so that the next call tries again.
			loading.catch(() => {
				if (this.#core === loading) this.#core = undefined;
			});
			this.#core = loading;
		}
		return this.#core;
	}

	#makeSinkDevice(core: FFmpegCore): void {
		const device = core.FS.makedev(64, 0);
		core.FS.registerDevice(device, {
			write: (_stream, buffer, offset, length) => {
				this.#sink?.(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length));
				return length;
			},
			llseek: (stream, offset, whence) => (whence === 0 ? offset : stream.position + offset)
		});
		core.FS.mkdev(SINK_PATH, 0o666, device);
	}

	#mount(core: FFmpegCore): void {
		try {
			core.FS.unmount(INPUT_DIR);
		} catch {
			// Nothing was mounted yet.
		}
		if (this.#inputs.length === 0) return;
		const workerfs = core.FS.filesystems.WORKERFS as WorkerFs;
		collectReadsSooner(workerfs);
		core.FS.mount(workerfs, { blobs: this.#inputs }, INPUT_DIR);
	}
}

/** A file name the core's file system accepts, keeping the extension ffmpeg may use as a hint. */
function safeName(name: string): string {
	const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase();
	return ext ? `clip.${ext}` : 'clip';
}
