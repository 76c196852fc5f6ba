import type { CutStage } from './client';

/** Where a clip's intake is while it works, with the step counts the engine reports. */
export type IntakeStep =
	| { stage: 'probing' }
	| { stage: 'sampling'; done: number; total: number }
	| { stage: 'detecting'; phase: CutStage; done: number; total: number };

/**
 * Share of the whole intake each step takes (they add up to 1): sampling a few frames is quick,
 * the cut pass reads every frame, the shots' pictures are a few frames again.
 */
const SPAN: Record<'probing' | 'sampling' | CutStage, readonly [number, number]> = {
	probing: [0, 0.05],
	sampling: [0.05, 0.3],
	decoding: [0.3, 0.9],
	keyframes: [0.9, 1]
};

/** How far the whole intake is (0 to 1) at `step`. */
export function intakeFraction(step: IntakeStep): number {
	const [from, to] = SPAN[step.stage === 'detecting' ? step.phase : step.stage];
	if (step.stage === 'probing') return from;
	const part = step.total > 0 ? Math.min(1, Math.max(0, step.done / step.total)) : 0;
	return from * (1 - part) + to * part;
}

/** The status line for `step`, naming the pass ("Finding cuts · pass 1 of 2: 45%"). */
export function intakeLabel(step: IntakeStep): string {
	switch (step.stage) {
		case 'probing':
			return 'Reading the video';
		case 'sampling':
			return `Sampling frame ${Math.min(step.done + 1, step.total)} of ${step.total}`;
		case 'detecting':
			if (step.phase === 'keyframes') {
				return `Finding cuts · pass 2 of 2: picture ${Math.min(step.done + 1, step.total)} of ${step.total}`;
			}
			return step.total > 0
				? `Finding cuts · pass 1 of 2: ${Math.min(99, Math.round((step.done / step.total) * 100))}%`
				: 'Finding cuts · pass 1 of 2';
	}
}
