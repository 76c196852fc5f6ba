/** Where a remote clip stands, as the app follows it: before the provider has it, as the provider reports it, and while its bytes come down. */
export type ClipPhase =
	| 'submitting'
	| 'pending'
	| 'in_progress'
	| 'completed'
	| 'downloading'
	| 'failed'
	| 'cancelled'
	| 'expired'
	| 'unknown';

/** A remote clip's state for the shot it belongs to: the phase and since when it was submitted. */
export interface ClipState {
	phase: ClipPhase;
	/** When the job was submitted (ms since the epoch), to show the time it has taken. */
	since: number;
}

const KNOWN = new Set<string>([
	'pending',
	'in_progress',
	'completed',
	'failed',
	'cancelled',
	'expired'
]);

/** The phase for a `status` the video API reported (`GET /videos/{id}`); an unknown word stays unknown. */
export function phaseOfStatus(status: string): ClipPhase {
	return KNOWN.has(status) ? (status as ClipPhase) : 'unknown';
}

/** What a person reads for each phase: the provider's state in plain words. */
export function clipPhaseLabel(phase: ClipPhase): string {
	switch (phase) {
		case 'submitting':
			return 'Sending';
		case 'pending':
			return 'Queued';
		case 'in_progress':
			return 'Generating';
		case 'completed':
		case 'downloading':
			return 'Downloading';
		case 'failed':
			return 'Failed';
		case 'cancelled':
			return 'Cancelled by the provider';
		case 'expired':
			return 'Expired';
		case 'unknown':
			return 'Waiting for the provider';
	}
}
