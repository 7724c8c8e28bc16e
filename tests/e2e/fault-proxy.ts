// A small HTTP proxy in front of the test server that faults the network for
// real: the browser (and its service worker) talk to the proxy as to the site.
// It can drop the answer to a request after the server has fully handled it
// (the connection is reset once the server's response is in), or refuse every
// connection while the phone still believes it is online. Loopback only.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

type DropRule = { method: string; path: RegExp; remaining: number };

export type FaultProxy = {
  origin: string;
  /** The next `count` answers to matching requests are lost after the server handled them. */
  dropResponses(method: string, path: RegExp, count: number): void;
  /** How many answers are still to be dropped. */
  dropsLeft(): number;
  /** While down, every connection is reset at once (the server sees nothing). */
  setDown(down: boolean): void;
  /** Requests that reached the server, as "METHOD /path". */
  forwarded: string[];
  close(): Promise<void>;
};

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const rules: DropRule[] = [];
  const sockets = new Set<Socket>();
  const forwarded: string[] = [];
  let down = false;

  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const rule = rules.find((r) => r.remaining > 0 && r.method === req.method && r.path.test((req.url ?? "").split("?")[0]));
    if (rule) rule.remaining--;
    const upstream = http.request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (rule) {
        // The server has answered (and so has stored whatever it stores): the answer never arrives.
        answer.resume();
        answer.on("end", () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => req.socket.destroy());
    req.on("end", () => forwarded.push(`${req.method} ${req.url}`));
    req.pipe(upstream);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (down) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    dropResponses(method, path, count) {
      rules.push({ method, path, remaining: count });
    },
    dropsLeft: () => rules.reduce((sum, r) => sum + r.remaining, 0),
    setDown(value) {
      down = value;
      // Open keep-alive connections die too, as on a dead line.
      if (value) for (const socket of sockets) socket.destroy();
    },
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
