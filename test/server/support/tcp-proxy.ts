import { createServer, connect as netConnect, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of a server (PostgreSQL in the tests), to take the database away from a
 * running store and give it back: `cut()` drops every connection and refuses new ones, as a
 * stopped server does; `restore()` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const make = () =>
    createServer((client) => {
      track(client);
      const upstream = netConnect(target);
      track(upstream);
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
    });
  const stop = (server: Server) =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });

  let server = make();
  const port = await listen(server, 0);
  let open = true;
  return {
    port,
    async cut() {
      if (!open) return;
      open = false;
      await stop(server);
    },
    async restore() {
      if (open) return;
      server = make();
      await listen(server, port);
      open = true;
    },
    async close() {
      if (open) await stop(server);
      open = false;
    },
  };
}

/** The URL with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(proxy.port);
  return u.toString();
}
