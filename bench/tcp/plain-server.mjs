// Line echo in plain node:net: the reference the Q-SYS runtime is compared with.
// Usage: node plain-server.mjs PORT   (prints "ready" when listening)
import net from "node:net";

const port = Number(process.argv[2]);
const server = net.createServer({ noDelay: true }, (sock) => {
  let buf = "";
  sock.on("data", (chunk) => {
    buf += chunk.toString("latin1");
    let out = "";
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      out += "echo:" + buf.slice(0, i) + "\n";
      buf = buf.slice(i + 1);
    }
    if (out !== "") sock.write(out, "latin1");
  });
  sock.on("error", () => {});
});
server.listen(port, () => console.log("ready"));
process.on("SIGTERM", () => process.exit(0));
