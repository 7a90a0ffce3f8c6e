// Listens on the port a speaker asked for, or the next free one, like Vite does.
import type { Server } from 'node:http';

/** How many ports after the requested one to try before giving up. */
const PORT_ATTEMPTS = 20;

/** Resolves with the port listened on; port 0 picks any free port. */
export async function listenOnFreePort(server: Server, host: string, port: number): Promise<number> {
  for (let attempt = 0; attempt < (port === 0 ? 1 : PORT_ATTEMPTS); attempt++) {
    const tryPort = port === 0 ? 0 : port + attempt;
    const result = await new Promise<number | 'busy'>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') resolve('busy');
        else reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : tryPort);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(tryPort, host);
    });
    if (result !== 'busy') return result;
  }
  throw new Error(`ports ${port} to ${port + PORT_ATTEMPTS - 1} are all in use on ${host}: pass --port`);
}
