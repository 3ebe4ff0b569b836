import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const TIMER = Symbol('firstRequestTimer');
type Tracked = Socket & { [TIMER]?: NodeJS.Timeout };

/**
 * Closes connections that never send a request. Node's headers and request timeouts start with
 * the first byte, and its socket timeout does not fire on a fresh connection (Node 20), so a
 * client that connects and stays silent would hold a socket forever. Cleared at the first request;
 * after that Node's own timeouts (headers, request, keep-alive) apply.
 */
export function closeSilentConnections(server: Server, ms: number): void {
  server.on('connection', (socket: Tracked) => {
    socket[TIMER] = setTimeout(() => socket.destroy(), ms);
    socket[TIMER].unref();
    socket.once('close', () => clearTimeout(socket[TIMER]));
  });
  server.on('request', (req) => {
    const socket = req.socket as Tracked;
    clearTimeout(socket[TIMER]);
  });
}
