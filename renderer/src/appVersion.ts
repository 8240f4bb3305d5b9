/** The app's version, set by Vite from package.json at build time. */
export const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? '0.0.0-dev';
