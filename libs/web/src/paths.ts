import { join } from 'node:path';
import { repoRoot } from '@scamintel/config';

/**
 * Templates, catalogues, static files and the advice data live in libs/web/assets (not beside the compiled code):
 * the same folder serves Jest, the build and the Docker image, which copies it as is.
 */
export const webAssetsDir = (): string => join(repoRoot(), 'libs', 'web', 'assets');
