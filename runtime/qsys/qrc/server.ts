// The QRC listener: a node:net server answering QRC clients (touch panels, Crestron, AMX,
// Companion, Home Assistant) against a running design, as a Core does on port 1710.
//
//   const qrc = await startQrcServer(design, { port: 0, host: "127.0.0.1" });
//   ... qrc.port ... await qrc.close();
//
// The design is anything implementing QrcDesign (design.ts); the service wires the live
// control model in through config.ts (startQrcFromEnv).
import net from "node:net";
import { Users } from "./auth.ts";
import { ChangeGroups, DEFAULT_GROUPS_PER_CONNECTION, DEFAULT_GROUPS_PER_SERVER, GroupBudget } from "./change-groups.ts";
import { QrcConnection } from "./connection.ts";
import type { QrcDesign } from "./design.ts";
import { MAX_FRAME_BYTES } from "./framing.ts";
import { Session } from "./session.ts";
import { trackServer, trackSocket, untrackServer, untrackSocket } from "../service.ts";

export const QRC_PORT = 1710;
export const IDLE_TIMEOUT_MS = 60_000;

export interface QrcServerOptions {
  /** TCP port, as given (default 1710; 0 picks a free one). */
  port?: number;
  /** Address to bind (default: every interface, as a Core). */
  host?: string;
  /** Close a connection after this long without an inbound frame (default 60 s; 0: never). */
  idleTimeoutMs?: number;
  /** user -> password; none (or empty) turns authentication off. */
  users?: Record<string, string>;
  /** Longest accepted frame in bytes (default 1 MiB). */
  maxFrameBytes?: number;
  /** Change groups one connection may hold (default 4). */
  maxChangeGroupsPerConnection?: number;
  /** Change groups all connections together may hold (default 512). */
  maxChangeGroups?: number;
  /** Register the listener and connections with the service lifecycle (clean stop on SIGINT/SIGTERM). */
  track?: boolean;
}

export interface QrcServer {
  /** The port really listened on. */
  readonly port: number;
  /** Connections open now. */
  readonly connections: number;
  /** Stop listening and close every connection. */
  close(): Promise<void>;
}

export function startQrcServer(design: QrcDesign, options: QrcServerOptions = {}): Promise<QrcServer> {
  const users = options.users !== undefined && Object.keys(options.users).length > 0 ? new Users(options.users) : undefined;
  const budget = new GroupBudget(options.maxChangeGroups ?? DEFAULT_GROUPS_PER_SERVER);
  const perConnection = options.maxChangeGroupsPerConnection ?? DEFAULT_GROUPS_PER_CONNECTION;
  const connectionOptions = {
    idleTimeoutMs: options.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
    maxFrameBytes: options.maxFrameBytes ?? MAX_FRAME_BYTES,
  };
  const track = options.track === true;
  const open = new Set<QrcConnection>();

  const server = net.createServer({ noDelay: true }, (socket) => {
    if (track) trackSocket(socket);
    const c = new QrcConnection(
      socket,
      connectionOptions,
      (outbox) => new Session(design, users, new ChangeGroups(budget, perConnection), outbox),
      (closed) => {
        open.delete(closed);
        if (track) untrackSocket(socket);
      },
    );
    open.add(c);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? QRC_PORT, options.host, () => {
      server.removeListener("error", reject);
      server.on("error", () => {}); // after listening only accept errors remain; nothing to do
      if (track) trackServer(server);
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        get connections() {
          return open.size;
        },
        close: () =>
          new Promise<void>((done) => {
            if (track) untrackServer(server);
            for (const c of open) c.close();
            if (!server.listening) return done();
            server.close(() => done());
          }),
      });
    });
  });
}
