import type { VideoProbe } from './meta';

/** A clip time as people read it: "0:04.2", "1:02:03.0". */
export function formatClipTime(seconds: number): string {
	const tenths = Math.max(0, Math.round(seconds * 10));
	const h = Math.floor(tenths / 36000);
	const m = Math.floor((tenths % 36000) / 600);
	const s = ((tenths % 600) / 10).toFixed(1).padStart(4, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The probe facts as label/value pairs, in the order the intake panel shows them. */
export function describeProbe(probe: VideoProbe): { label: string; value: string }[] {
	return [
		{ label: 'Duration', value: formatClipTime(probe.durationS) },
		{ label: 'Size', value: `${probe.width} × ${probe.height}` },
		{ label: 'Frame rate', value: `${Number(probe.fps.toFixed(2))} fps` },
		{ label: 'Codec', value: probe.codec.toUpperCase() },
		{ label: 'Audio', value: probe.hasAudio ? 'Yes' : 'No' }
	];
}
