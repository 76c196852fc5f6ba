import type { Asset, CastKind, CastMember } from '$lib/domain/types';
import { extensionFor } from '$lib/util/blob';
import { sniffImageType } from '$lib/util/image-bytes';
import { csvRecord, UTF8_BOM } from './csv';
import { CAST_FOLDER, castMemberFolder } from './naming';
import type { Storyboard } from './storyboard';

/** How a kind of cast member is written in the exports: "Character", "Prop", "Location". */
export function castKindName(kind: CastKind): string {
	return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** A member's main reference picture: the first of its pictures that is still stored. */
export function mainPicture(
	member: Pick<CastMember, 'referenceAssetIds'>,
	assets: ReadonlyMap<string, Asset>
): Asset | undefined {
	for (const id of member.referenceAssetIds) {
		const asset = assets.get(id);
		if (asset) return asset;
	}
	return undefined;
}

/** The type a stored picture really is, read from its first bytes (its recorded MIME type if unknown). */
export async function pictureType(asset: Asset): Promise<string> {
	const header = new Uint8Array(await asset.blob.slice(0, 16).arrayBuffer());
	return sniffImageType(header) ?? asset.mime;
}

/** One picture of a cast member as the ZIP holds it. */
export interface CastFile {
	/** `Cast/01_Mara/1.jpg`: folder in cast order, pictures numbered main first. */
	path: string;
	asset: Asset;
	member: CastMember;
}

/**
 * Every cast member's pictures under `Cast/`, members in cast order, each member's pictures
 * main first, named by the type `typeOf` gives (the bytes' real type); pictures no longer
 * stored are left out.
 */
export function castFiles(
	board: Pick<Storyboard, 'cast' | 'assets'>,
	typeOf: (asset: Asset) => string
): CastFile[] {
	return board.cast.flatMap((member, index) => {
		const folder = castMemberFolder(index + 1, board.cast.length, member.name);
		return member.referenceAssetIds
			.map((id) => board.assets.get(id))
			.filter((asset) => asset !== undefined)
			.map((asset, n) => ({
				path: `${CAST_FOLDER}/${folder}/${n + 1}.${extensionFor(typeOf(asset))}`,
				asset,
				member
			}));
	});
}

/** Column headings of `Cast/cast.csv`, in order. */
export const CAST_CSV_COLUMNS = ['Order', 'Name', 'Kind', 'Description', 'Pictures'] as const;

/**
 * `Cast/cast.csv`: one row per member in cast order, with its pictures' paths relative to the
 * `Cast/` folder (main first, one a line in the cell). UTF-8 with a BOM, like the shot list.
 */
export function castCsv(cast: readonly CastMember[], files: readonly CastFile[]): string {
	let csv = UTF8_BOM + csvRecord(CAST_CSV_COLUMNS);
	cast.forEach((member, index) => {
		const pictures = files
			.filter((file) => file.member.id === member.id)
			.map((file) => file.path.slice(CAST_FOLDER.length + 1));
		csv += csvRecord([
			index + 1,
			member.name,
			castKindName(member.kind),
			member.description,
			pictures.join('\n')
		]);
	});
	return csv;
}
