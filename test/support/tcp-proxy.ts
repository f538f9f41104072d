import { once } from 'node:events';
import net from 'node:net';

/**
 * A TCP relay the test switches on and off, standing in for a database server that
 * starts late or goes away: `stop()` also cuts every relayed connection.
 */
export interface TcpProxy {
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the proxy takes it later). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

export function createTcpProxy(port: number, target: { host: string; port: number }): TcpProxy {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  return {
    port,
    async start() {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.once('error', () => upstream.destroy());
        upstream.once('error', () => client.destroy());
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    async stop() {
      if (!server) return;
      const closing = once(server, 'close');
      server.close();
      for (const socket of sockets) socket.destroy();
      await closing;
      server = undefined;
    },
  };
}
