import { countShots } from '$lib/domain/history';
import { mediaSettings } from '$lib/state/media-settings.svelte';
import { appStatus } from '$lib/state/app-status.svelte';
import type { ProjectState } from '$lib/state/project.svelte';
import { getAsset, putAsset } from '$lib/store/assets';
import { isQuotaError } from '$lib/store/quota';
import {
	removeVideoSource,
	saveSampledFrame,
	setDetectedCuts,
	setVideoSource,
	videoIntakeOf,
	type SavedCutShot
} from '$lib/store/video-source';
import { engineInfo } from './client';
import { IntakeSaveError, VideoIntake } from './intake.svelte';
import type { EngineInfo, SampledFrame } from './meta';
import { shotFieldsFromCuts } from './shots-from-cuts';

/** A sampled frame as the filmstrip shows it. */
export interface ShownFrame {
	blob: Blob;
	timeS: number;
	role: string;
}

/**
 * The workspace's video half as state: the clip, its sampled frames, keyframes and cuts, and
 * the actions on them ("Add video", replace, remove, "Shots from cuts"). Everything made is
 * saved the moment it exists, through the guarded write path, and shown again on reload.
 */
export class VideoSession {
	readonly intake = new VideoIntake();
	clip = $state.raw<Blob | undefined>();
	/** What the store holds from an earlier visit (or the last finished clip). */
	savedFrames = $state.raw<ShownFrame[]>([]);
	savedShots = $state.raw<SavedCutShot[]>([]);
	savedCuts = $state.raw<number[] | undefined>();
	engine = $state.raw<EngineInfo | undefined>();
	/** A clip chosen while the storyboard has one: it replaces the old one only once confirmed. */
	replacement = $state.raw<File | undefined>();

	readonly #project: ProjectState;

	constructor(project: ProjectState) {
		this.#project = project;
	}

	/** The clip's facts: from the clip being read, else as saved. */
	readonly probe = $derived(this.intake.probe ?? this.#savedProject()?.source.probe);
	/** While a clip is read its frames come from the intake; otherwise from the store. */
	readonly frames = $derived(
		this.intake.busy || this.intake.stage === 'done' ? this.intake.frames : this.savedFrames
	);
	readonly cutsS = $derived(this.intake.cuts?.cutsS ?? this.savedCuts);
	readonly record = $derived(videoIntakeOf(this.#savedProject()));
	readonly clipRemoved = $derived(!this.clip && this.record.clipRemovedAt !== undefined);

	/** The project record as saved (read through a method: the fields above are made first). */
	#savedProject() {
		return this.#project.project;
	}

	/** Load what an earlier visit saved; returns the stop function (cancels a running intake). */
	start(): () => void {
		void mediaSettings.load();
		void this.restoreSaved();
		return () => this.intake.cancel();
	}

	/** Show what the store holds: the clip, its frames and its cuts. */
	async restoreSaved(): Promise<void> {
		const project = this.#project;
		const stored = project.project ?? (await project.load().then(() => project.project));
		if (!stored) return;
		const videoAssetId = stored.source.videoAssetId;
		this.clip = videoAssetId ? (await getAsset(videoAssetId))?.blob : undefined;
		const record = videoIntakeOf(stored);
		const loaded = await Promise.all(
			record.frames.map(async (f) => {
				const blob = (await getAsset(f.assetId))?.blob;
				return blob ? { blob, timeS: f.timeS, role: f.role } : undefined;
			})
		);
		this.savedFrames = loaded.filter((f) => f !== undefined);
		this.savedCuts = record.cutsS;
		this.savedShots = record.shots ?? [];
	}

	/** A new clip replaces the old one's clip, frames and cuts, so it waits for a yes first. */
	choose(file: File): void {
		if (this.clip || this.probe || this.frames.length > 0) this.replacement = file;
		else void this.add(file);
	}

	/** The person confirmed the replacement. */
	replace(): void {
		const file = this.replacement;
		this.replacement = undefined;
		if (file) void this.add(file);
	}

	/** An intake write through the guarded path: a full disk raises the banner and stops the intake. */
	async #saved<T>(write: () => Promise<T>): Promise<T> {
		const result = await appStatus.guardWrite(write);
		if (!result.ok) throw new IntakeSaveError(result.error);
		return result.value;
	}

	/** Read a clip: probe, sample frames and find cuts, saving each the moment it exists. */
	async add(file: File): Promise<void> {
		const project = this.#project;
		const projectId = project.id;
		await mediaSettings.load();
		const options = mediaSettings.snapshot();
		await this.intake.run(file, options, {
			onProbe: async (chosen, facts) => {
				const asset = await putAsset(projectId, chosen, {
					width: facts.width,
					height: facts.height
				}).catch((error: unknown) => {
					// A clip larger than the storage allows is still read in place (never copied into
					// memory); only its frames and cuts are kept.
					if (isQuotaError(error)) return undefined;
					throw error;
				});
				await this.#saved(() => setVideoSource(projectId, asset?.id, facts));
				// The new clip replaces the old one's frames and cuts.
				this.savedFrames = [];
				this.savedCuts = undefined;
				this.savedShots = [];
				this.clip = chosen;
				engineInfo(undefined, chosen).then(
					(info) => (this.engine = info),
					() => {}
				);
				await project.log('info', `Added video “${chosen.name}”.`);
			},
			onFrame: async (frame: SampledFrame) => {
				// One write per frame; the workspace (Analyze) sees it from memory, not a re-read.
				const result = await this.#saved(() => saveSampledFrame(projectId, frame.blob, frame));
				if (result) project.showSampledFrame(result.project, result.asset.id, frame.blob);
			},
			onCuts: async (result) => {
				const shots: SavedCutShot[] = [];
				for (const shot of result.shots) {
					const asset = await this.#saved(() =>
						putAsset(projectId, shot.keyframe.blob, shot.keyframe)
					);
					shots.push({
						startS: shot.startS,
						endS: shot.endS,
						keyframeS: shot.keyframe.timeS,
						keyframeAssetId: asset.id
					});
				}
				await this.#saved(() => setDetectedCuts(projectId, result.cutsS, shots));
				this.savedShots = shots;
			}
		});
		if (this.intake.stage === 'done' && options.dropClipAfterSampling) await this.removeClip();
		await project.refresh();
		await this.restoreSaved();
	}

	/** Delete the clip, keeping its facts, frames and cuts. */
	async removeClip(): Promise<void> {
		const result = await appStatus.guardWrite(() => removeVideoSource(this.#project.id));
		if (!result.ok) return;
		this.clip = undefined;
		await this.#project.refresh();
		await this.#project.log('info', 'Removed the source clip; its frames and cuts are kept.');
	}

	/** One shot per detected cut, appended to the storyboard. */
	async shotsFromCuts(): Promise<void> {
		await this.#project.changeShots(
			({ added }) => `make ${countShots(added)} from cuts`,
			async () => {
				for (const fields of shotFieldsFromCuts(this.savedShots))
					await this.#project.appendShot(fields);
			}
		);
		await this.#project.log('info', `Made ${this.savedShots.length} shots from the clip's cuts.`);
	}
}
