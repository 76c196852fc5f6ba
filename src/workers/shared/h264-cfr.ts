// Constant frame rate from an encode of only the frames that change: a held still is encoded
// once and each further frame of it becomes a "skip" picture (every macroblock copied from the
// frame before), written here in a few bytes instead of by x264, which spends nearly as long on
// an unchanged 720p frame as on a new one. Works on the Annex B stream x264 writes with the
// animatic's settings: CAVLC (ultrafast), no B-frames (so picture order type 2), one slice.

/** Bits of an RBSP, most significant first. */
class BitReader {
	#bytes: Uint8Array;
	pos = 0;
	constructor(bytes: Uint8Array) {
		this.#bytes = bytes;
	}
	u(n: number): number {
		let value = 0;
		for (let i = 0; i < n; i++, this.pos++) {
			const byte = this.#bytes[this.pos >> 3];
			if (byte === undefined) throw new Error('H.264 header ends early');
			value = value * 2 + ((byte >> (7 - (this.pos & 7))) & 1);
		}
		return value;
	}
	ue(): number {
		let zeros = 0;
		while (this.u(1) === 0) zeros++;
		return 2 ** zeros - 1 + this.u(zeros);
	}
	se(): number {
		const k = this.ue();
		return k % 2 ? (k + 1) / 2 : -k / 2;
	}
}

class BitWriter {
	#bits: number[] = [];
	u(value: number, n: number): this {
		for (let i = n - 1; i >= 0; i--) this.#bits.push(Math.floor(value / 2 ** i) % 2);
		return this;
	}
	ue(value: number): this {
		const length = Math.floor(Math.log2(value + 1));
		return this.u(0, length).u(value + 1, length + 1);
	}
	/** rbsp_trailing_bits: a one, then zeros to the byte boundary. */
	bytes(): Uint8Array {
		this.#bits.push(1);
		while (this.#bits.length % 8) this.#bits.push(0);
		const out = new Uint8Array(this.#bits.length / 8);
		this.#bits.forEach((bit, i) => (out[i >> 3]! |= bit << (7 - (i & 7))));
		return out;
	}
}

/** NAL units of an Annex B stream, without their start codes. */
export function splitNals(stream: Uint8Array): Uint8Array[] {
	const starts: number[] = [];
	for (let i = 0; i + 2 < stream.length; i++) {
		if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
			starts.push(i + 3);
			i += 2;
		}
	}
	return starts.map((start, k) => {
		let end = k + 1 < starts.length ? starts[k + 1]! - 3 : stream.length;
		while (end > start && stream[end - 1] === 0) end--; // a 4-byte start code's leading zero
		return stream.subarray(start, end);
	});
}

/** The RBSP of a NAL unit's payload: emulation prevention bytes (00 00 03) removed. */
export function unescapeRbsp(payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(payload.length);
	let length = 0;
	let zeros = 0;
	for (let i = 0; i < payload.length; i++) {
		const byte = payload[i]!;
		if (zeros >= 2 && byte === 3) {
			zeros = 0;
			continue;
		}
		out[length++] = byte;
		zeros = byte === 0 ? zeros + 1 : 0;
	}
	return out.subarray(0, length);
}

/** A NAL payload from an RBSP: 03 inserted wherever 00 00 is followed by a byte up to 03. */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
	const out = new Uint8Array(rbsp.length + Math.ceil(rbsp.length / 2) + 1);
	let length = 0;
	let zeros = 0;
	for (let i = 0; i < rbsp.length; i++) {
		const byte = rbsp[i]!;
		if (zeros >= 2 && byte <= 3) {
			out[length++] = 3;
			zeros = 0;
		}
		out[length++] = byte;
		zeros = byte === 0 ? zeros + 1 : 0;
	}
	return out.subarray(0, length);
}

/** A NAL unit from its header byte and RBSP. */
function nalUnit(header: number, rbsp: Uint8Array): Uint8Array {
	const payload = escapeRbsp(rbsp);
	const nal = new Uint8Array(payload.length + 1);
	nal[0] = header;
	nal.set(payload, 1);
	return nal;
}

/** What writing and renumbering pictures needs from the SPS and PPS. */
interface StreamFacts {
	log2MaxFrameNum: number;
	macroblocks: number;
	ppsId: number;
	deblockingControl: boolean;
}

const START_CODE = Uint8Array.of(0, 0, 0, 1);

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function unsupported(what: string): never {
	throw new Error(`the encoder wrote ${what}, which a constant frame rate cannot be made from`);
}

function readSps(rbsp: Uint8Array): Pick<StreamFacts, 'log2MaxFrameNum' | 'macroblocks'> {
	const bits = new BitReader(rbsp);
	const profile = bits.u(8);
	bits.u(16); // constraint flags, level
	bits.ue(); // seq_parameter_set_id
	if (HIGH_PROFILES.has(profile)) {
		if (bits.ue() === 3) bits.u(1); // chroma_format_idc, separate_colour_plane_flag
		bits.ue(); // bit_depth_luma_minus8
		bits.ue(); // bit_depth_chroma_minus8
		bits.u(1); // qpprime_y_zero_transform_bypass_flag
		if (bits.u(1)) unsupported('scaling matrices');
	}
	const log2MaxFrameNum = bits.ue() + 4;
	if (bits.ue() !== 2) unsupported('picture order type 0 or 1 (B-frames)');
	bits.ue(); // max_num_ref_frames
	bits.u(1); // gaps_in_frame_num_value_allowed_flag
	const width = bits.ue() + 1;
	const height = bits.ue() + 1;
	if (!bits.u(1)) unsupported('interlaced pictures');
	return { log2MaxFrameNum, macroblocks: width * height };
}

function readPps(rbsp: Uint8Array): Pick<StreamFacts, 'ppsId' | 'deblockingControl'> {
	const bits = new BitReader(rbsp);
	const ppsId = bits.ue();
	bits.ue(); // seq_parameter_set_id
	if (bits.u(1)) unsupported('CABAC');
	bits.u(1); // bottom_field_pic_order_in_frame_present_flag (unused by frames)
	if (bits.ue() !== 0) unsupported('slice groups');
	bits.ue(); // num_ref_idx_l0_default_active_minus1
	bits.ue(); // num_ref_idx_l1_default_active_minus1
	if (bits.u(1)) unsupported('weighted prediction');
	bits.u(2); // weighted_bipred_idc
	bits.se(); // pic_init_qp_minus26
	bits.se(); // pic_init_qs_minus26
	bits.se(); // chroma_qp_index_offset
	const deblockingControl = bits.u(1) === 1;
	bits.u(1); // constrained_intra_pred_flag
	if (bits.u(1)) unsupported('redundant pictures');
	return { ppsId, deblockingControl };
}

/** A P picture of one slice whose every macroblock is skipped: the frame before, again. */
function skipPicture(facts: StreamFacts, frameNum: number): Uint8Array {
	const rbsp = new BitWriter()
		.ue(0) // first_mb_in_slice
		.ue(5) // slice_type: P, as every slice of the picture
		.ue(facts.ppsId)
		.u(frameNum, facts.log2MaxFrameNum)
		.u(1, 1) // num_ref_idx_active_override_flag
		.ue(0) // num_ref_idx_l0_active_minus1: the frame before only
		.u(0, 1) // ref_pic_list_modification_flag_l0
		.u(0, 1) // adaptive_ref_pic_marking_mode_flag: sliding window
		.ue(0); // slice_qp_delta (se 0 is ue 0)
	if (facts.deblockingControl) rbsp.ue(1); // disable_deblocking_filter_idc
	rbsp.ue(facts.macroblocks); // mb_skip_run: all of them
	return nalUnit(0x41, rbsp.bytes()); // nal_ref_idc 2, type 1
}

/** The slice's bytes with frame_num set to `frameNum`. */
function renumbered(nal: Uint8Array, facts: StreamFacts, frameNum: number): Uint8Array {
	const rbsp = unescapeRbsp(nal.subarray(1));
	const bits = new BitReader(rbsp);
	bits.ue(); // first_mb_in_slice
	bits.ue(); // slice_type
	bits.ue(); // pic_parameter_set_id
	for (let i = facts.log2MaxFrameNum - 1; i >= 0; i--, bits.pos++) {
		const mask = 1 << (7 - (bits.pos & 7));
		const bit = Math.floor(frameNum / 2 ** i) % 2;
		rbsp[bits.pos >> 3] = bit ? rbsp[bits.pos >> 3]! | mask : rbsp[bits.pos >> 3]! & ~mask;
	}
	return nalUnit(nal[0]!, rbsp);
}

/**
 * Turn the Annex B stream of pictures `kept` (ascending output frame numbers, the first 0)
 * into a stream of `total` pictures: after each kept picture, skip pictures until the next
 * kept one. Every slice is renumbered so frame numbers count up by one from each IDR.
 */
export function fillHeldFrames(
	stream: Uint8Array,
	kept: readonly number[],
	total: number
): Uint8Array {
	const parts: Uint8Array[] = [];
	const sps: Partial<StreamFacts> = {};
	let facts: StreamFacts | undefined;
	let picture = -1;
	let filled = -1;
	let frameNum = 0;
	const push = (nal: Uint8Array) => parts.push(START_CODE, nal);
	/** The skip pictures after the last picture written, once. */
	const fill = () => {
		if (picture < 0 || filled === picture || !facts) return;
		filled = picture;
		const next = kept[picture + 1] ?? total;
		for (let n = kept[picture]! + 1; n < next; n++) {
			frameNum = (frameNum + 1) % 2 ** facts.log2MaxFrameNum;
			push(skipPicture(facts, frameNum));
		}
	};
	for (const nal of splitNals(stream)) {
		const type = nal[0]! & 0x1f;
		const slice = type === 1 || type === 5;
		// A picture's first slice starts at macroblock 0: first_mb_in_slice ue(0) is a 1 bit.
		const first = slice && (nal[1]! & 0x80) !== 0;
		if (!slice || first) fill();
		if (type === 7) Object.assign(sps, readSps(unescapeRbsp(nal.subarray(1))));
		if (type === 8) facts = { ...(sps as StreamFacts), ...readPps(unescapeRbsp(nal.subarray(1))) };
		if (!slice) {
			push(nal);
			continue;
		}
		if (!facts) unsupported('a slice before its parameter sets');
		if (first) {
			picture++;
			frameNum = type === 5 ? 0 : (frameNum + 1) % 2 ** facts.log2MaxFrameNum;
		}
		if (picture >= kept.length) unsupported('more pictures than frames kept');
		push(renumbered(nal, facts, frameNum));
	}
	fill();
	if (picture !== kept.length - 1) unsupported(`${picture + 1} pictures for ${kept.length} frames`);
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
