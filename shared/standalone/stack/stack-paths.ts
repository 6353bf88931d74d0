import { fileURLToPath } from 'node:url';

/** The repository root: the stack's pom lives in `stack/`, its data in the git-ignored `.stack/`. */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const stackPom = `${projectRoot}stack/pom.xml`;
export const stackDataDir = `${projectRoot}.stack`;
