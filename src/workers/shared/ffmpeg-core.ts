import coreUrl from '@ffmpeg/core?url';
import coreWasmUrl from '@ffmpeg/core/wasm?url';
import mtCoreUrl from '@ffmpeg/core-mt?url';
import mtCoreWasmUrl from '@ffmpeg/core-mt/wasm?url';
// no-inline: a data: URL worker would have an opaque origin and could not load the core.
import mtCoreWorkerUrl from '@ffmpeg/core-mt/worker?url&no-inline';
import { threadPoolSize, withThreadPool } from './core-thread-pool';

/** The part of Emscripten's FS that we use. */
export interface CoreFS {
	mkdir(path: string): void;
	mount(type: unknown, options: unknown, mountPoint: string): void;
	unmount(mountPoint: string): void;
	readFile(path: string): Uint8Array;
	unlink(path: string): void;
	readdir(path: string): string[];
	analyzePath(path: string): { exists: boolean };
	filesystems: Record<string, unknown>;
	makedev(major: number, minor: number): number;
	registerDevice(dev: number, ops: DeviceOps): void;
	mkdev(path: string, mode: number, dev: number): void;
}

/** An Emscripten FS stream, as device operations see it. */
export interface DeviceStream {
	position: number;
}

/** Operations of a character device in the core's file system. */
export interface DeviceOps {
	open?(stream: DeviceStream): void;
	close?(stream: DeviceStream): void;
	read?(
		stream: DeviceStream,
		buffer: Int8Array,
		offset: number,
		length: number,
		position: number
	): number;
	write(
		stream: DeviceStream,
		buffer: Int8Array,
		offset: number,
		length: number,
		position: number
	): number;
	llseek?(stream: DeviceStream, offset: number, whence: number): number;
}

/** One log line from the core: `stdout` or `stderr`. */
export interface CoreLog {
	type: string;
	message: string;
}

/** An instance of @ffmpeg/core (the wasm build of the ffmpeg and ffprobe command lines). */
export interface FFmpegCore {
	FS: CoreFS;
	/** Runs ffmpeg with these arguments; the exit code is left in `ret`. */
	exec(...args: string[]): number;
	/** Runs ffprobe with these arguments; the exit code is left in `ret`. */
	ffprobe(...args: string[]): number;
	ret: number;
	reset(): void;
	setLogger(logger: (log: CoreLog) => void): void;
	setTimeout(ms: number): void;
	/** The wasm heap: its length is the heap's current size. */
	HEAPU8?: Uint8Array;
	/** Present in the multi-thread build: its pool of thread workers. */
	PThread?: { terminateAllThreads(): void; runningWorkers: unknown[] };
}

type CreateCore = (options: { mainScriptUrlOrBlob: string }) => Promise<FFmpegCore>;

/** Whether the multi-thread core can run here (threads need a cross-origin isolated page). */
export function canUseThreads(): boolean {
	return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

let mtScript: Promise<string> | undefined;

/**
 * The multi-thread core's script with a thread pool of `poolSize` workers, as a blob: URL made
 * once per worker (the core's own thread workers import it too); the script as shipped when it
 * is not the build we know how to change.
 */
function mtCoreScript(poolSize: number): Promise<string> {
	const shipped = new URL(mtCoreUrl, self.location.href).href;
	mtScript ??= fetch(shipped)
		.then((response) => response.text())
		.then((source) => {
			const patched = withThreadPool(source, poolSize);
			if (!patched) return shipped;
			return URL.createObjectURL(new Blob([patched], { type: 'text/javascript' }));
		})
		.catch((error: unknown) => {
			mtScript = undefined;
			throw error;
		});
	return mtScript;
}

/**
 * Load a fresh core from our own origin: the multi-thread build (its thread pool sized for
 * ffmpeg runs capped at `ffmpegThreads`, see core-thread-pool.ts) when `threads` is set, else the
 * single-thread one.
 * The URLs are passed the way @ffmpeg/ffmpeg's own worker does (a JSON hash the core reads).
 */
export async function loadCore(threads = canUseThreads(), ffmpegThreads = 2): Promise<FFmpegCore> {
	const js = threads
		? await mtCoreScript(threadPoolSize(ffmpegThreads))
		: new URL(coreUrl, self.location.href).href;
	const wasmURL = new URL(threads ? mtCoreWasmUrl : coreWasmUrl, self.location.href).href;
	const workerURL = new URL(mtCoreWorkerUrl, self.location.href).href;
	const module = (await import(/* @vite-ignore */ js)) as { default: CreateCore };
	return module.default({
		mainScriptUrlOrBlob: `${js}#${btoa(JSON.stringify({ wasmURL, workerURL }))}`
	});
}
