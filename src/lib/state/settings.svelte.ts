import { readKeyInfo, type KeyInfo } from '$lib/ai/account';
import {
	listModels,
	restoreSavedModelInfo,
	type ModelInfo,
	type ModelPurpose
} from '$lib/ai/catalogue';
import { createAiClient, type AiContext } from '$lib/ai/client';
import { parseKeyPools } from '$lib/ai/key-pools';
import { VideoApiError, VideoClient } from '$lib/animate/client';
import type { VideoModelInfo } from '$lib/animate/meta';
import { restoreVideoModel } from '$lib/animate/models';
import { describeAiError, MissingKeyError } from '$lib/ai/errors';
import { cleanBaseUrl, defaultOptions, restoreOptions, type Options } from '$lib/ai/meta';
import { restoreSavedText } from '$lib/domain/settings';
import { readSetting, writeSetting } from '$lib/store/settings';
import { appStatus } from './app-status.svelte';

const OPTIONS_KEY = 'ai-options';
const REMEMBERED_KEY = 'api-key';
const REMEMBERED_POOL = 'key-pool';
const MODEL_CAPS_KEY = 'model-caps';
const VIDEO_MODEL_KEY = 'video-model';
/** The key for this browser session only: gone when the tab closes. */
const SESSION_KEY = 'maestro.api-key';
const SESSION_POOL = 'maestro.key-pool';

export type ConnectionState =
	| { status: 'idle' }
	| { status: 'testing' }
	| { status: 'ok'; info: KeyInfo | null; modelCount: number }
	| { status: 'error'; message: string };

function sessionStore(): Storage | undefined {
	try {
		return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
	} catch {
		return undefined;
	}
}

/**
 * The AI settings and the API key, as Settings edits them and the AI steps read them. The class
 * is exported for tests; the app uses the `settings` instance.
 */
export class SettingsState {
	options = $state<Options>({ ...defaultOptions });
	apiKey = $state('');
	rememberKey = $state(false);
	loaded = $state(false);
	connection = $state<ConnectionState>({ status: 'idle' });
	models = $state.raw<Partial<Record<ModelPurpose, ModelInfo[]>>>({});
	modelsError = $state<string | null>(null);
	modelsLoading = $state(false);
	#modelsController: AbortController | undefined;
	/** The endpoint's video models, once listed. */
	videoModels = $state.raw<VideoModelInfo[]>([]);
	videoModelsError = $state<string | null>(null);
	/** What we know of the chosen video model (durations, prices), kept across visits and offline. */
	videoModelInfo = $state.raw<VideoModelInfo | null>(null);
	/** What we know of models picked before (structured output, modalities), kept across visits. */
	modelCaps = $state.raw<Record<string, ModelInfo>>({});
	readonly hasKey = $derived(this.apiKey.trim().length > 0);
	/** Extra keys for rendering, one per line ("label: key" makes a named pool), kept like the main key. */
	keyPoolText = $state('');
	readonly keyPools = $derived(parseKeyPools(this.keyPoolText, this.apiKey));
	#loading: Promise<void> | undefined;

	/** Read saved settings once; later calls wait for the first. */
	load(): Promise<void> {
		this.#loading ??= this.#read();
		return this.#loading;
	}

	async #read(): Promise<void> {
		try {
			this.options = await readSetting(OPTIONS_KEY, restoreOptions);
			const remembered = await readSetting(REMEMBERED_KEY, restoreSavedText);
			const caps = await readSetting(MODEL_CAPS_KEY, (raw) =>
				Array.isArray(raw)
					? raw.map(restoreSavedModelInfo).filter((m): m is ModelInfo => m !== null)
					: []
			);
			this.modelCaps = Object.fromEntries(caps.map((m) => [m.id, m]));
			this.videoModelInfo = await readSetting(VIDEO_MODEL_KEY, restoreVideoModel);
			this.rememberKey = remembered !== '';
			this.apiKey = remembered || sessionStore()?.getItem(SESSION_KEY) || '';
			const pool = await readSetting(REMEMBERED_POOL, restoreSavedText);
			this.keyPoolText = pool || sessionStore()?.getItem(SESSION_POOL) || '';
		} catch {
			// Unreadable settings fall back to defaults; nothing here is worth stranding the app.
		} finally {
			this.loaded = true;
		}
	}

	/** Change and save options; values are checked and bounded first. */
	async saveOptions(patch: Partial<Options>): Promise<void> {
		// Merged into the saved options, never into defaults a read still under way would replace.
		await this.load();
		const next = restoreOptions({ ...this.options, ...patch });
		const endpointChanged = patch.baseUrl !== undefined && next.baseUrl !== this.options.baseUrl;
		this.options = next;
		await appStatus.guardWrite(() => writeSetting(OPTIONS_KEY, $state.snapshot(next)));
		if (endpointChanged) {
			// Another endpoint has other models: list those instead.
			this.models = {};
			this.connection = { status: 'idle' };
			if (appStatus.online) await this.loadModels();
		}
	}

	/** Use this key; keep it on this device only when `remember` is set. */
	async setKey(key: string, remember: boolean): Promise<void> {
		await this.load();
		const trimmed = key.trim();
		this.apiKey = trimmed;
		this.rememberKey = remember;
		this.connection = { status: 'idle' };
		sessionStore()?.setItem(SESSION_KEY, trimmed);
		await appStatus.guardWrite(() => writeSetting(REMEMBERED_KEY, remember ? trimmed : ''));
		await this.#savePool();
	}

	/** Use these extra keys for rendering, remembered on this device only if the main key is. */
	async setKeyPool(text: string): Promise<void> {
		await this.load();
		this.keyPoolText = text;
		await this.#savePool();
	}

	async #savePool(): Promise<void> {
		sessionStore()?.setItem(SESSION_POOL, this.keyPoolText);
		await appStatus.guardWrite(() =>
			writeSetting(REMEMBERED_POOL, this.rememberKey ? this.keyPoolText : '')
		);
	}

	/** Remove the key from memory, this session and this device. */
	async forgetKey(): Promise<void> {
		await this.load();
		this.apiKey = '';
		this.rememberKey = false;
		this.connection = { status: 'idle' };
		this.keyPoolText = '';
		sessionStore()?.removeItem(SESSION_KEY);
		sessionStore()?.removeItem(SESSION_POOL);
		await appStatus.guardWrite(() => writeSetting(REMEMBERED_KEY, ''));
		await appStatus.guardWrite(() => writeSetting(REMEMBERED_POOL, ''));
	}

	/** The SDK for the current endpoint and key; throws MissingKeyError without a key. */
	ai(): AiContext {
		if (!this.hasKey) throw new MissingKeyError();
		return createAiClient($state.snapshot(this.options), this.apiKey);
	}

	/** What Maestro knows of a model (from the lists fetched before). */
	modelInfo(id: string): ModelInfo | undefined {
		for (const list of Object.values(this.models)) {
			const found = list?.find((m) => m.id === id);
			if (found) return found;
		}
		return this.modelCaps[id];
	}

	/**
	 * What Maestro knows of a model, fetching the catalogue first when nothing is known yet (a
	 * model chosen a moment ago on another page, whose facts were not saved yet): without it a
	 * director would be asked without its structured output.
	 */
	async ensureModelInfo(id: string): Promise<ModelInfo | undefined> {
		if (!this.modelInfo(id) && appStatus.online) await this.loadModels();
		return this.modelInfo(id);
	}

	/** "Test connection": ask about the key, falling back to the model list on endpoints without /key. */
	async testConnection(signal: AbortSignal): Promise<void> {
		this.connection = { status: 'testing' };
		try {
			const ai = this.ai();
			let info: KeyInfo | null = null;
			try {
				info = await readKeyInfo(signal, ai);
			} catch (error) {
				// Other OpenAI-compatible servers have no /key: a model list proves the connection.
				if (describeAiError(error).status !== 404) throw error;
			}
			const models = await listModels(signal, ai, 'director');
			this.connection = { status: 'ok', info, modelCount: models.length };
		} catch (error) {
			const problem = describeAiError(error, {
				baseUrl: this.options.baseUrl,
				timeoutS: this.options.timeoutS
			});
			this.connection =
				problem.kind === 'aborted'
					? { status: 'idle' }
					: { status: 'error', message: problem.message };
		}
	}

	/** Fetch the model lists for every purpose (the catalogue needs no key on OpenRouter); a newer call replaces an older one. */
	async loadModels(): Promise<void> {
		this.#modelsController?.abort();
		const controller = new AbortController();
		this.#modelsController = controller;
		const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]);
		this.modelsError = null;
		this.modelsLoading = true;
		try {
			const ai = createAiClient($state.snapshot(this.options), this.apiKey);
			const [context, director, image] = await Promise.all([
				listModels(signal, ai, 'context'),
				listModels(signal, ai, 'director'),
				listModels(signal, ai, 'image')
			]);
			this.models = { context, director, image };
			await this.#rememberCaps();
			await this.loadVideoModels(signal);
		} catch (error) {
			const problem = describeAiError(error, { baseUrl: this.options.baseUrl });
			if (problem.kind !== 'aborted' && !controller.signal.aborted) {
				this.modelsError = `The model lists could not be loaded. ${problem.message}`;
			}
		} finally {
			if (this.#modelsController === controller) this.modelsLoading = false;
		}
	}

	/** List the endpoint's video models; an endpoint without them just has none. */
	async loadVideoModels(signal: AbortSignal): Promise<void> {
		this.videoModelsError = null;
		try {
			const client = new VideoClient(this.options, this.apiKey);
			this.videoModels = await client.listModels(signal);
			const chosen = this.videoModels.find((m) => m.id === this.options.videoModel);
			if (chosen) await this.#rememberVideoModel(chosen);
		} catch (error) {
			if (signal.aborted) return;
			this.videoModels = [];
			this.videoModelsError =
				error instanceof VideoApiError && error.status === 404
					? 'This endpoint lists no video models.'
					: `The video models could not be loaded. ${error instanceof Error ? error.message : ''}`;
		}
	}

	/** Pick the video model ("" for none). */
	async chooseVideoModel(id: string): Promise<void> {
		await this.saveOptions({ videoModel: id });
		const info = this.videoModels.find((m) => m.id === id) ?? null;
		await this.#rememberVideoModel(info);
	}

	async #rememberVideoModel(info: VideoModelInfo | null): Promise<void> {
		this.videoModelInfo = info;
		await appStatus.guardWrite(() => writeSetting(VIDEO_MODEL_KEY, info));
	}

	async #rememberCaps(): Promise<void> {
		const chosen = [this.options.contextModel, this.options.directorModel, this.options.imageModel];
		const caps = { ...this.modelCaps };
		for (const id of chosen) {
			const info = this.modelInfo(id);
			if (info) caps[id] = info;
		}
		this.modelCaps = caps;
		await appStatus.guardWrite(() => writeSetting(MODEL_CAPS_KEY, Object.values(caps)));
	}

	/** Pick a model for a purpose and remember what it can do. */
	async chooseModel(purpose: ModelPurpose, id: string): Promise<void> {
		const field =
			purpose === 'context'
				? 'contextModel'
				: purpose === 'director'
					? 'directorModel'
					: 'imageModel';
		await this.saveOptions({ [field]: id });
		await this.#rememberCaps();
	}
}

export const settings = new SettingsState();
export { cleanBaseUrl };
