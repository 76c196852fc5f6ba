import { describe, expect, it } from 'vitest';
import { BinWriter, runNcnn, runOne, type Planes } from './ncnn-fixture';

const empty = new Uint8Array();
/** Round to 5 decimals so float32 results compare with hand-computed decimals. */
const r5 = (values: number[]) => values.map((v) => Math.round(v * 1e5) / 1e5 + 0);
const plane = (c: number, h: number, w: number, data: number[]): Planes => ({ c, h, w, data });
const input = (c: number, h: number, w: number) => `Input data 0 1 data 0=${w} 1=${h} 2=${c}`;

describe('Convolution', () => {
	it('applies a 1x1 kernel across channels and adds the bias (float32 weights)', async () => {
		const bin = new BinWriter().float([2, -1]).raw([0.5]).bytes();
		const out = await runOne(
			[input(2, 1, 2), 'Convolution conv 1 1 data out 0=1 1=1 5=1 6=2'],
			bin,
			plane(2, 1, 2, [1, 2, 10, 20])
		);
		expect(out.dims).toEqual([1, 1, 1, 2]);
		// 2*1 - 10 + 0.5, 2*2 - 20 + 0.5
		expect(r5(out.data)).toEqual([-7.5, -15.5]);
	});

	it('sums 3x3 neighbourhoods with zero padding (float16 weights)', async () => {
		const bin = new BinWriter().half(Array(9).fill(1)).bytes();
		const out = await runOne(
			[input(1, 3, 3), 'Convolution conv 1 1 data out 0=1 1=3 4=1 6=9'],
			bin,
			plane(1, 3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9])
		);
		expect(r5(out.data)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
	});

	it('gives the same numbers with float16 weights kept as float16 or widened', async () => {
		const weights = [0.5, -0.25, 1.5, 2, -1, 0.125, 0.75, 1, -2];
		const lines = [input(1, 3, 3), 'Convolution conv 1 1 data out 0=1 1=3 4=1 6=9'];
		const x = plane(1, 3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const kept = await runOne(lines, new BinWriter().half(weights).bytes(), x, { keepHalf: true });
		const widened = await runOne(lines, new BinWriter().half(weights).bytes(), x, {
			keepHalf: false
		});
		expect(kept.data).toEqual(widened.data);
		// centre: 1*.5 + 2*-.25 + 3*1.5 + 4*2 + 5*-1 + 6*.125 + 7*.75 + 8*1 + 9*-2
		expect(r5(kept.data)[4]).toBe(3.5);
	});

	it('honours stride, asymmetric padding and a non-zero pad value', async () => {
		const bin = new BinWriter().float(Array(4).fill(1)).bytes();
		// pad left 1, top 0, right 0, bottom 1 with value 10; 2x2 kernel, stride 2
		const out = await runOne(
			[
				input(1, 2, 3),
				'Convolution conv 1 1 data out 0=1 1=2 3=2 4=1 14=0 15=0 16=1 18=1.000000e+01 6=4'
			],
			bin,
			plane(1, 2, 3, [1, 2, 3, 4, 5, 6])
		);
		// padded rows: [10 1 2 3] [10 4 5 6] [10 10 10 10]; windows at x=0,2 of rows 0-1
		expect(out.dims).toEqual([1, 1, 1, 2]);
		expect(r5(out.data)).toEqual([10 + 1 + 10 + 4, 2 + 3 + 5 + 6]);
	});

	const identity = (activation: string) => [
		input(1, 1, 4),
		`Convolution conv 1 1 data out 0=1 1=1 6=1 ${activation}`
	];
	const x = plane(1, 1, 4, [-2, -0.5, 0.5, 2]);
	const unit = () => new BinWriter().float([1]).bytes();

	it('fuses ReLU (activation 1)', async () => {
		expect(r5((await runOne(identity('9=1'), unit(), x)).data)).toEqual([0, 0, 0.5, 2]);
	});

	it('fuses leaky ReLU with its slope (activation 2)', async () => {
		const out = await runOne(identity('9=2 -23310=1,1.000000e-01'), unit(), x);
		expect(r5(out.data)).toEqual([-0.2, -0.05, 0.5, 2]);
	});

	it('fuses clip with min and max (activation 3)', async () => {
		const out = await runOne(identity('9=3 -23310=2,-1.000000e+00,1.000000e+00'), unit(), x);
		expect(r5(out.data)).toEqual([-1, -0.5, 0.5, 1]);
	});

	it('fuses sigmoid (activation 4)', async () => {
		const out = await runOne(identity('9=4'), unit(), x);
		expect(r5(out.data)).toEqual([0.1192, 0.37754, 0.62246, 0.8808]);
	});

	it('fuses mish as x * tanh(softplus(x)) (activation 5)', async () => {
		const out = await runOne(identity('9=5'), unit(), x);
		expect(r5(out.data)).toEqual([-0.2525, -0.22074, 0.37525, 1.94396]);
	});

	it('fuses hard-swish as x * clamp(alpha x + beta, 0, 1) (activation 6)', async () => {
		const out = await runOne(identity('9=6 -23310=2,2.500000e-01,5.000000e-01'), unit(), x);
		// gates: 0, 0.375, 0.625, 1
		expect(r5(out.data)).toEqual([0, -0.1875, 0.3125, 2]);
	});

	it('refuses an activation it does not know', async () => {
		await expect(runOne(identity('9=9'), unit(), x)).rejects.toThrow(/activation type 9/);
	});
});

describe('PReLU', () => {
	it('scales negatives by one slope per channel', async () => {
		const bin = new BinWriter().raw([0.1, 0.5]).bytes();
		const out = await runOne(
			[input(2, 1, 2), 'PReLU prelu 1 1 data out 0=2'],
			bin,
			plane(2, 1, 2, [-1, 2, -4, 3])
		);
		expect(r5(out.data)).toEqual([-0.1, 2, -2, 3]);
	});

	it('shares a single slope across channels', async () => {
		const bin = new BinWriter().raw([0.25]).bytes();
		const out = await runOne(
			[input(2, 1, 1), 'PReLU prelu 1 1 data out 0=1'],
			bin,
			plane(2, 1, 1, [-4, -8])
		);
		expect(r5(out.data)).toEqual([-1, -2]);
	});
});

describe('ReLU', () => {
	it('zeroes negatives without a slope', async () => {
		const out = await runOne(
			[input(1, 1, 3), 'ReLU relu 1 1 data out'],
			empty,
			plane(1, 1, 3, [-1, 0, 3])
		);
		expect(r5(out.data)).toEqual([0, 0, 3]);
	});

	it('is leaky with param 0 as the slope', async () => {
		const out = await runOne(
			[input(1, 1, 3), 'ReLU relu 1 1 data out 0=2.000000e-01'],
			empty,
			plane(1, 1, 3, [-1, 0, 3])
		);
		expect(r5(out.data)).toEqual([-0.2, 0, 3]);
	});
});

describe('Split', () => {
	it('feeds one blob to several layers', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'Split split 1 2 data a b', 'BinaryOp add 2 1 a b out 0=0'],
			empty,
			plane(1, 1, 2, [1.5, -3])
		);
		expect(r5(out.data)).toEqual([3, -6]);
	});
});

describe('PixelShuffle', () => {
	it('moves channels into 2x2 blocks in PyTorch (CRD) order by default', async () => {
		const out = await runOne(
			[input(4, 1, 1), 'PixelShuffle ps 1 1 data out 0=2'],
			empty,
			plane(4, 1, 1, [0, 1, 2, 3])
		);
		expect(out.dims).toEqual([1, 1, 2, 2]);
		expect(r5(out.data)).toEqual([0, 1, 2, 3]);
	});

	it('takes channel (i * r + j) * C + c in mode 1 (DCR)', async () => {
		const lines = [input(8, 1, 1), 'PixelShuffle ps 1 1 data out 0=2 1=1'];
		const out = await runOne(lines, empty, plane(8, 1, 1, [0, 1, 2, 3, 4, 5, 6, 7]));
		expect(out.dims).toEqual([1, 2, 2, 2]);
		// output channel 0: blocks 0..3 -> inputs 0, 2, 4, 6; channel 1 -> 1, 3, 5, 7
		expect(r5(out.data)).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
	});

	it('keeps CRD order with several output channels', async () => {
		const lines = [input(8, 1, 1), 'PixelShuffle ps 1 1 data out 0=2'];
		const out = await runOne(lines, empty, plane(8, 1, 1, [0, 1, 2, 3, 4, 5, 6, 7]));
		expect(r5(out.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});
});

describe('Interp', () => {
	it('repeats pixels for nearest upscaling by a scale factor', async () => {
		const out = await runOne(
			[input(1, 2, 2), 'Interp up 1 1 data out 0=1 1=2.000000e+00 2=2.000000e+00'],
			empty,
			plane(1, 2, 2, [1, 2, 3, 4])
		);
		expect(out.dims).toEqual([1, 1, 4, 4]);
		expect(r5(out.data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
	});

	it('takes floor(x / scale) for nearest with a non-integer factor', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'Interp up 1 1 data out 0=1 1=1.000000e+00 2=2.500000e+00'],
			empty,
			plane(1, 1, 2, [7, 9])
		);
		// out width floor(2 * 2.5) = 5; sources floor(x / 2.5) = 0 0 0 1 1
		expect(r5(out.data)).toEqual([7, 7, 7, 9, 9]);
	});

	it('interpolates bilinearly with half-pixel centres and clamped edges', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'Interp up 1 1 data out 0=2 1=1.000000e+00 2=2.000000e+00'],
			empty,
			plane(1, 1, 2, [0, 1])
		);
		expect(r5(out.data)).toEqual([0, 0.25, 0.75, 1]);
	});

	it('interpolates bilinearly with aligned corners when param 6 is set', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'Interp up 1 1 data out 0=2 4=3 3=1 6=1'],
			empty,
			plane(1, 1, 2, [0, 1])
		);
		expect(r5(out.data)).toEqual([0, 0.5, 1]);
	});

	it('upscales bicubically like ncnn (A = -0.75, edge taps clamped)', async () => {
		const out = await runOne(
			[input(1, 1, 4), 'Interp up 1 1 data out 0=3 1=1.000000e+00 2=2.000000e+00'],
			empty,
			plane(1, 1, 4, [0, 1, 0, 4])
		);
		expect(r5(out.data)).toEqual([
			-0.10547, 0.26172, 0.87891, 0.73828, -0.16016, 0.80078, 3.05859, 4.42188
		]);
	});

	it('downscales bicubically by 0.5 as the x2 model does', async () => {
		const out = await runOne(
			[input(1, 1, 8), 'Interp down 1 1 data out 0=3 1=1.000000e+00 2=5.000000e-01'],
			empty,
			plane(1, 1, 8, [0, 1, 0, 4, 2, 2, 8, 0])
		);
		expect(r5(out.data)).toEqual([0.59375, 2.09375, 1.25, 4.5625]);
	});

	it('resizes to a fixed output size (params 3 and 4)', async () => {
		const out = await runOne(
			[input(2, 1, 1), 'Interp up 1 1 data out 0=1 3=2 4=3'],
			empty,
			plane(2, 1, 1, [5, 6])
		);
		expect(out.dims).toEqual([1, 2, 2, 3]);
		expect(r5(out.data)).toEqual([5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6]);
	});
});

describe('BinaryOp', () => {
	const twoInputs = (op: number) => [
		input(1, 1, 2),
		'Input other 0 1 other 0=2 1=1 2=1',
		`BinaryOp op 2 1 data other out 0=${op}`
	];
	const cases: [number, string, number[]][] = [
		[0, 'adds', [6, 4]],
		[1, 'subtracts', [-2, 8]],
		[2, 'multiplies', [8, -12]],
		[3, 'divides', [0.5, -3]],
		[4, 'takes the maximum', [4, 6]],
		[5, 'takes the minimum', [2, -2]],
		[6, 'raises to a power', [16, 1 / 36]],
		[7, 'subtracts in reverse', [2, -8]],
		[8, 'divides in reverse', [2, -1 / 3]],
		[9, 'raises to a power in reverse', [16, 64]]
	];
	for (const [op, verb, expected] of cases) {
		it(`${verb} with two blobs (op ${op})`, async () => {
			const result = await runNcnn(twoInputs(op), empty, {
				data: plane(1, 1, 2, [2, 6]),
				other: plane(1, 1, 2, [4, -2])
			});
			expect(r5(result.out?.data ?? [])).toEqual(r5(expected));
		});
	}

	it('uses param 2 as the scalar operand when param 1 is set', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'BinaryOp op 1 1 data out 0=1 1=1 2=2.500000e-01'],
			empty,
			plane(1, 1, 2, [1, 2])
		);
		expect(r5(out.data)).toEqual([0.75, 1.75]);
	});

	it('puts the scalar first for the reversed ops', async () => {
		const out = await runOne(
			[input(1, 1, 2), 'BinaryOp op 1 1 data out 0=8 1=1 2=1.000000e+00'],
			empty,
			plane(1, 1, 2, [2, 4])
		);
		expect(r5(out.data)).toEqual([0.5, 0.25]);
	});
});

describe('Eltwise', () => {
	const lines = (params: string) => [
		input(1, 1, 2),
		'Input other 0 1 other 0=2 1=1 2=1',
		`Eltwise e 2 1 data other out ${params}`
	];
	const feeds = { data: plane(1, 1, 2, [2, -3]), other: plane(1, 1, 2, [10, 4]) };

	it('multiplies (op 0)', async () => {
		expect(r5((await runNcnn(lines('0=0'), empty, feeds)).out?.data ?? [])).toEqual([20, -12]);
	});

	it('adds with coefficients (op 1), as the residual blocks of RRDB do', async () => {
		const out = await runNcnn(lines('0=1 -23301=2,2.000000e-01,1.000000e+00'), empty, feeds);
		expect(r5(out.out?.data ?? [])).toEqual([10.4, 3.4]);
	});

	it('adds plainly without coefficients', async () => {
		expect(r5((await runNcnn(lines('0=1'), empty, feeds)).out?.data ?? [])).toEqual([12, 1]);
	});

	it('takes the maximum (op 2)', async () => {
		expect(r5((await runNcnn(lines('0=2'), empty, feeds)).out?.data ?? [])).toEqual([10, 4]);
	});
});

describe('Concat', () => {
	it('stacks channels for axis 0', async () => {
		const result = await runNcnn(
			[input(1, 1, 2), 'Input other 0 1 other 0=2 1=1 2=2', 'Concat cat 2 1 data other out 0=0'],
			empty,
			{ data: plane(1, 1, 2, [1, 2]), other: plane(2, 1, 2, [3, 4, 5, 6]) }
		);
		expect(result.out?.dims).toEqual([1, 3, 1, 2]);
		expect(r5(result.out?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('joins rows side by side for axis 2 (width)', async () => {
		const result = await runNcnn(
			[input(1, 1, 1), 'Input other 0 1 other 0=2 1=1 2=1', 'Concat cat 2 1 data other out 0=2'],
			empty,
			{ data: plane(1, 1, 1, [1]), other: plane(1, 1, 2, [2, 3]) }
		);
		expect(result.out?.dims).toEqual([1, 1, 1, 3]);
		expect(r5(result.out?.data ?? [])).toEqual([1, 2, 3]);
	});
});

describe('Input', () => {
	it('learns the channel count from the first convolution when the param file omits it', async () => {
		const { ncnnToOnnxModel } = await import('../../../scripts/models/convert');
		const model = ncnnToOnnxModel(
			paramLines(['Input data 0 1 data', 'Convolution conv 1 1 data out 0=1 1=1 6=3']),
			new BinWriter().float([1, 1, 1]).bytes()
		);
		expect(model.inputs[0]?.dims).toEqual(['batch', 3, 'height', 'width']);
	});
});

function paramLines(lines: string[]): string {
	return ['7767517', `${lines.length} 2`, ...lines].join('\n');
}
