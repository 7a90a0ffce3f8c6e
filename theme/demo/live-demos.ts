// The live side of a page, loaded only when the page config names a demo server: one socket
// for the page and a live driver per demo. A static build never reaches this module.
import type { DemoDriver } from './driver.ts';
import type { DemoPlaceholder } from './placeholder.ts';
import { createLiveDriver } from './live-driver.ts';
import { SocketConnection } from './socket-connection.ts';
import type { Disposable } from './disposable.ts';

export interface LiveDrivers extends Disposable {
  create(placeholder: DemoPlaceholder): DemoDriver;
}

/** Opens the page's connection (socket.io path `socketPath`) and makes live drivers on it. */
export function createLiveDrivers(socketPath: string, token: string | null): LiveDrivers {
  const connection = new SocketConnection({ path: socketPath, token });
  return {
    create: (placeholder) => createLiveDriver(connection, { ref: placeholder.ref, interactive: placeholder.interactive, hasToken: token !== null }),
    dispose: () => connection.dispose(),
  };
}
