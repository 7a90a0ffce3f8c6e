// The bench's temporary folders, made as ptydeck's own are (server/temp-folder.ts): named for
// this process, and each first removes those a killed bench left behind (SIGKILL gives the
// teardown no chance). Loaded through tsx's scoped import: these scripts run under plain Node.
import { tsImport } from 'tsx/esm/api';

/** @type {{ makeTempFolder: (prefix: string, root?: string) => string }} */
const { makeTempFolder } = await tsImport('../../server/temp-folder.ts', import.meta.url);

export { makeTempFolder };
