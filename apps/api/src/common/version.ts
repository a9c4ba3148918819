import packageJson from '../../../../package.json';

/** The platform's version (package.json): the OpenAPI document's info.version, the health report's. */
export const APP_VERSION: string = packageJson.version;
