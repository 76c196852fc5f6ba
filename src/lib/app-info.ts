import pkg from '../../package.json';

/** This build's version, written into exported bundles. */
export const APP_VERSION: string = pkg.version;
