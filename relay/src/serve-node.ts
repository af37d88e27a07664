// Runs a Fetch handler as a Node HTTP server (@hono/node-server), for `npm run relay` and the tests.
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from './config';

/** A listening relay: its base URL (no trailing slash) and how to stop it. */
export interface NodeRelayServer {
  readonly url: string;
  closeAsync(): Promise<void>;
}

/** Listens on the address (port 0: any free port) and serves the handler; resolves once it accepts connections. */
export async function startNodeRelayAsync(
  handler: (request: Request) => Response | Promise<Response>,
  address: ListenAddress,
): Promise<NodeRelayServer> {
  // The adapter would otherwise swap Node's global Request/Response for its own; keep the platform's.
  const server = createAdaptorServer({ fetch: handler, overrideGlobalObjects: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}`,
    closeAsync: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
