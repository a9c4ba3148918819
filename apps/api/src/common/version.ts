import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's package.json, found upwards from this file (source, build or container). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name === 'tdb' && json.version) return json.version;
  }
  return '0.0.0';
}

/** The platform's version (package.json): the OpenAPI document's info.version, the health report's. */
export const APP_VERSION: string = packageVersion();
