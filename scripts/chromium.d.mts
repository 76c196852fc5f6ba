/** Types for chromium.mjs. */
export const chromiumPath: string;
export const chromiumArgs: string[];
