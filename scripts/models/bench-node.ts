import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from './catalog';
import { loadOrtNode } from '../bench/ort-node';

/**
 * Native reference timings: each built model on onnxruntime-node (CPU) for the given input
 * sizes, printed as JSON. Usage: `node scripts/bench/install-ort-node.mjs && npx tsx
 * scripts/models/bench-node.ts [512x288 ...]`.
 * MAESTRO_MODELS=id,id limits the models; MAESTRO_BENCH_RUNS sets the timed runs (default 3).
 */
async function main(): Promise<void> {
	const ort = loadOrtNode();
	const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['512x288']).map((s) => {
		const [w, h] = s.split('x').map(Number);
		if (!w || !h) throw new Error(`bad size ${s}, expected WIDTHxHEIGHT`);
		return { w, h };
	});
	const only = process.env.MAESTRO_MODELS?.split(',');
	const runs = Number(process.env.MAESTRO_BENCH_RUNS ?? 3);
	const results = [];
	for (const model of CATALOG.filter((m) => !only || only.includes(m.id))) {
		const file = join('public/models', `${model.id}.onnx`);
		if (!existsSync(file)) {
			results.push({ model: model.id, error: 'not built' });
			continue;
		}
		const loadStart = performance.now();
		const session = await ort.InferenceSession.create(file);
		const loadMs = performance.now() - loadStart;
		for (const { w, h } of sizes) {
			const data = Float32Array.from({ length: 3 * w * h }, (_, i) => ((i * 7919) % 256) / 255);
			const feeds = {
				[session.inputNames[0] ?? 'data']: new ort.Tensor('float32', data, [1, 3, h, w])
			};
			await session.run(feeds);
			const times: number[] = [];
			const cpuStart = process.cpuUsage();
			for (let i = 0; i < runs; i++) {
				const start = performance.now();
				await session.run(feeds);
				times.push(performance.now() - start);
			}
			const cpu = process.cpuUsage(cpuStart);
			const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
			const outMegapixels = (w * model.scale * h * model.scale) / 1e6;
			results.push({
				model: model.id,
				input: `${w}x${h}`,
				scale: model.scale,
				loadMs: Math.round(loadMs),
				medianMs: Math.round(median),
				msPerOutputMegapixel: Math.round(median / outMegapixels),
				/** CPU time per run over all threads: less sensitive to other load than wall time. */
				cpuMsPerRun: Math.round((cpu.user + cpu.system) / 1000 / runs),
				runs
			});
		}
		await session.release();
	}
	console.log(
		JSON.stringify({ runtime: `onnxruntime-node ${ort.env.versions.node}`, results }, null, 2)
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
