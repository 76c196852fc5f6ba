import { getContext, setContext } from 'svelte';
import { nameKey } from '$lib/domain/cast';
import type { Beat, CastKind, CastMember, Shot } from '$lib/domain/types';
import { MAX_CAST_PICTURES } from '$lib/domain/values';
import { ImageInputError, shrinkToJpeg } from '$lib/media/shrink-image';
import { putAsset } from '$lib/store/assets';
import {
	addCastMember,
	copyCastMembers,
	deleteCastMember,
	listCast,
	listOtherCasts,
	updateCastMember,
	type CastPatch,
	type OtherCast
} from '$lib/store/cast';
import { appStatus } from './app-status.svelte';
import { followProject, type StepRecorder } from './follow-project';

/** What a kind of cast member is called, for labels and steps ("add a character"). */
export const CAST_KIND_WORDS: Record<CastKind, string> = {
	character: 'character',
	prop: 'prop',
	location: 'location'
};

/** A kind's name as a label ("Character"). */
export function castKindLabel(kind: CastKind): string {
	const word = CAST_KIND_WORDS[kind];
	return word.charAt(0).toUpperCase() + word.slice(1);
}

export type { OtherCast };

const PATCH_WORDS: Record<keyof CastPatch, string> = {
	name: 'rename',
	kind: 'change the kind of',
	description: 'edit the description of',
	referenceAssetIds: 'change the pictures of'
};

/**
 * A storyboard's cast: the characters, props and locations that appear in several shots, each
 * with a description and up to four reference pictures kept on the device. Every change is a
 * step of the storyboard's undo history; another tab's changes are read back.
 */
export class CastBoard {
	members = $state.raw<CastMember[]>([]);
	/** The last problem with a picture, per member. */
	pictureErrors = $state<Record<string, string>>({});
	readonly projectId: string;
	readonly #history: StepRecorder | undefined;

	constructor(projectId: string, history?: StepRecorder) {
		this.projectId = projectId;
		this.#history = history;
	}

	start(): () => void {
		void this.refresh();
		return followProject(this.projectId, this.#history, () => void this.refresh());
	}

	async refresh(): Promise<void> {
		this.members = await listCast(this.projectId);
	}

	member(id: string): CastMember | undefined {
		return this.members.find((member) => member.id === id);
	}

	/** Who and what is in a beat's frame, in the order they matter: the beat's own cast, else its shot's. */
	inFrame(shot: Pick<Shot, 'cast'>, beat?: Pick<Beat, 'cast'>): CastMember[] {
		const ids = beat?.cast ?? shot.cast;
		return ids.map((id) => this.member(id)).filter((member) => member !== undefined);
	}

	async add(kind: CastKind = 'character'): Promise<CastMember | undefined> {
		const count = this.members.filter((member) => member.kind === kind).length;
		const name = `${castKindLabel(kind)} ${count + 1}`;
		const result = await appStatus.guardWrite(() => addCastMember(this.projectId, { kind, name }));
		if (!result.ok) return undefined;
		const added = result.value;
		this.members = [...this.members, added];
		await this.#history?.recordStep({
			label: `add ${added.name}`,
			before: { cast: { [added.id]: null } },
			after: { cast: { [added.id]: added } }
		});
		return added;
	}

	async update(id: string, patch: CastPatch): Promise<void> {
		const old = this.member(id);
		const result = await appStatus.guardWrite(() => updateCastMember(id, patch));
		if (!result.ok || !result.value) return;
		const next = result.value;
		this.members = this.members.map((member) => (member.id === id ? next : member));
		if (!old) return;
		const fields = Object.keys(patch) as (keyof CastPatch)[];
		const side = (member: CastMember) =>
			Object.fromEntries(fields.map((field) => [field, member[field] ?? null]));
		await this.#history?.recordStep({
			label: `${PATCH_WORDS[fields[0] ?? 'name']} ${old.name}`,
			before: { cast: { [id]: side(old) } },
			after: { cast: { [id]: side(next) } }
		});
	}

	async remove(id: string): Promise<void> {
		const result = await appStatus.guardWrite(() => deleteCastMember(id));
		if (!result.ok || !result.value) return;
		const removed = result.value;
		this.members = this.members.filter((member) => member.id !== id);
		await this.#history?.recordStep({
			label: `remove ${removed.name}`,
			before: { cast: { [id]: removed } },
			after: { cast: { [id]: null } }
		});
	}

	/** The shots a member appears in (in the shot or in one of its beats), in storyboard order. */
	shotsWith(memberId: string, shots: readonly Pick<Shot, 'id' | 'cast' | 'beats'>[]): string[] {
		return shots
			.filter(
				(shot) =>
					shot.cast.includes(memberId) || shot.beats.some((beat) => beat.cast?.includes(memberId))
			)
			.map((shot) => shot.id);
	}

	/**
	 * Add the members the director proposed that the cast does not have yet (by name, any case),
	 * in order. Inside a director run they undo with its shots; otherwise as one step.
	 */
	async addProposed(
		proposals: readonly Pick<CastMember, 'name' | 'kind' | 'description'>[]
	): Promise<CastMember[]> {
		const taken = new Set(this.members.map((member) => nameKey(member.name)));
		const added: CastMember[] = [];
		for (const proposal of proposals) {
			const key = nameKey(proposal.name);
			if (!key || taken.has(key)) continue;
			taken.add(key);
			const result = await appStatus.guardWrite(() => addCastMember(this.projectId, proposal));
			if (!result.ok) break;
			added.push(result.value);
			this.members = [...this.members, result.value];
		}
		if (added.length === 0) return added;
		const before = { cast: Object.fromEntries(added.map((member) => [member.id, null])) };
		const after = { cast: Object.fromEntries(added.map((member) => [member.id, member])) };
		if (!this.#history?.includeInStep?.(before, after)) {
			await this.#history?.recordStep({
				label: `add ${added.length === 1 ? added[0]!.name : `${added.length} cast members`}`,
				before,
				after
			});
		}
		return added;
	}

	/** Other storyboards' casts, to copy members from. */
	async otherCasts(): Promise<OtherCast[]> {
		return listOtherCasts(this.projectId).catch(() => []);
	}

	/** Copy members (with their pictures) from another storyboard, as one undoable step. */
	async copyFrom(memberIds: readonly string[]): Promise<void> {
		const result = await appStatus.guardWrite(() => copyCastMembers(memberIds, this.projectId));
		if (!result.ok || result.value.length === 0) return;
		const copies = result.value;
		this.members = [...this.members, ...copies];
		const names = copies.map((member) => member.name);
		await this.#history?.recordStep({
			label: `copy ${names.length === 1 ? names[0] : `${names.length} cast members`}`,
			before: { cast: Object.fromEntries(copies.map((member) => [member.id, null])) },
			after: { cast: Object.fromEntries(copies.map((member) => [member.id, member])) }
		});
	}

	/** Add a reference picture: checked, shrunk to a JPEG (longest side 1024) and saved. */
	async addPicture(id: string, file: File): Promise<void> {
		await this.addPictureBlob(id, file, file.name);
	}

	/**
	 * Add a picture from any Blob (an upload, a designed candidate) the way an upload is added:
	 * one undo step; false, with the reason in `pictureErrors`, when it could not be.
	 */
	async addPictureBlob(id: string, blob: Blob, name: string): Promise<boolean> {
		const member = this.member(id);
		if (!member) return false;
		const { [id]: _cleared, ...others } = this.pictureErrors;
		this.pictureErrors = others;
		if (member.referenceAssetIds.length >= MAX_CAST_PICTURES) {
			this.#pictureError(
				id,
				`${member.name} has ${MAX_CAST_PICTURES} pictures already; remove one first.`
			);
			return false;
		}
		try {
			const image = await shrinkToJpeg(blob, 1024, 0.85);
			const saved = await appStatus.guardWrite(() =>
				putAsset(this.projectId, image.blob, { width: image.width, height: image.height })
			);
			if (!saved.ok) return false;
			await this.update(id, {
				referenceAssetIds: [...member.referenceAssetIds, saved.value.id]
			});
			return true;
		} catch (error) {
			this.#pictureError(
				id,
				error instanceof ImageInputError
					? `${name}: ${error.message} ${member.name} is unchanged.`
					: `${name} could not be used. ${member.name} is unchanged.`
			);
			return false;
		}
	}

	/** Take a picture off a member (the file stays for undo). */
	async removePicture(id: string, assetId: string): Promise<void> {
		const member = this.member(id);
		if (!member) return;
		await this.update(id, {
			referenceAssetIds: member.referenceAssetIds.filter((other) => other !== assetId)
		});
	}

	/** Make a picture the member's main one: it is sent first when a model takes only one. */
	async makeMain(id: string, assetId: string): Promise<void> {
		const member = this.member(id);
		if (!member || member.referenceAssetIds[0] === assetId) return;
		await this.update(id, {
			referenceAssetIds: [assetId, ...member.referenceAssetIds.filter((other) => other !== assetId)]
		});
	}

	#pictureError(id: string, message: string): void {
		this.pictureErrors = { ...this.pictureErrors, [id]: message };
	}
}

const KEY = Symbol('cast-board');

export function setCastContext(board: CastBoard): CastBoard {
	return setContext(KEY, board);
}

export function getCastContext(): CastBoard {
	return getContext<CastBoard>(KEY);
}
