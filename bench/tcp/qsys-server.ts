// echo.lua written by hand the way compiled code drives the runtime (index, setindex,
// callMethod on the Lua-visible API), run through runMain like a built service.
// Usage (after bundling): node qsys-server.mjs   with QSYS2TS_PORT_MAP="7000=PORT"
import { call, callMethod, concat, index, LuaTable, runMain, setindex } from "../../runtime/index.ts";
import { TcpSocket, TcpSocketServer } from "../../runtime/qsys/index.ts";

function main(): void {
  const server = call(index(TcpSocketServer, "New"));
  const clients = new LuaTable();
  setindex(server, "EventHandler", (sock: unknown) => {
    clients.set(sock, true);
    setindex(sock, "EventHandler", (s: unknown, event: unknown) => {
      if (event === index(index(TcpSocket, "Events"), "Data")) {
        let line = callMethod(s, "ReadLine", index(index(TcpSocket, "EOL"), "Lf"));
        while (line !== undefined) {
          callMethod(s, "Write", concat(concat("echo:", line), "\n"));
          line = callMethod(s, "ReadLine", index(index(TcpSocket, "EOL"), "Lf"));
        }
      } else clients.set(s, undefined);
    });
  });
  const err = callMethod(server, "Listen", 7000);
  console.log(err ?? "ready");
}
runMain(main, import.meta.url);
