/** What this capability is called in the UI. */
export const label = 'Play';

/** Options of the in-page player. */
export interface PlayOptions {
	/** The style whose chosen takes play, or the first style when undefined. */
	styleId?: string;
	/** The source clip's sound under the pictures, as the animatic's "source sound" puts it. */
	sourceSound: boolean;
	/** Each shot's number and title over the picture. */
	captions: boolean;
}

export const defaultPlayOptions: PlayOptions = { sourceSound: false, captions: true };
