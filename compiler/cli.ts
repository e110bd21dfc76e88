// The `qsys2ts` command: compile (readable TypeScript), build (one runnable .mjs), run, and
// design (draft a script's design file).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundleLua } from "./bundle.ts";
import { compileFileToReadableTs } from "./compile.ts";
import { draftDesign } from "./design/draft.ts";
import { designFileFor } from "./design/embed.ts";
import { scanDesign } from "./design/scan.ts";
import { outputPath } from "./modules.ts";
import { LuaSyntaxError, parse } from "./parse.ts";

declare const __VERSION__: string;

const HELP = `qsys2ts — Q-SYS Lua scripts to typed TypeScript and a Node.js service

Usage:
  qsys2ts compile <file.lua>... [-o, --out-dir DIR]   write DIR/<name>.ts (default DIR: out/)
  qsys2ts build <file.lua> [-o, --outfile FILE.mjs]   bundle into one runnable file (default: dist/<name>.mjs)
  qsys2ts run <file.lua> [args...]                    build and run, as \`lua5.3 file.lua\` would
  qsys2ts design <file.lua> [-o FILE | -o -] [--force]
                                                      draft <name>.design.json from the controls the script uses
  qsys2ts --help | --version

Exit status: 0 success, 1 compile or runtime error, 2 usage error.
Environment for built services:
  QSYS2TS_PORT_MAP="1720=41720,8080=41808"   remap ports given to TcpSocketServer:Listen, UdpSocket:Open
  QSYS2TS_CONNECT_MAP="4352=41352,10.0.0.5:23=127.0.0.1:2323"
                                             remap ports or host:port given to TcpSocket:Connect, UdpSocket:Send
  QSYS2TS_DATA_DIR=DIR                       where io/os file names resolve (default: the working directory)
  QSYS2TS_SERIAL_PORTS="1=/dev/ttyUSB0,2=tcp:10.0.0.9:4001"
                                             where SerialPorts[n] goes: a terminal device or a device server
  QSYS2TS_PRINT_TIMESTAMPS=1                 prefix print output with a Core-style timestamp
  QSYS2TS_DESIGN=FILE                        use this design file instead of the one built in
  QSYS2TS_CONTROL_STDIN=1                    read control changes as JSON lines on stdin (see README)
`;

class UsageError extends Error {}

/** Read a Lua file as bytes, one char per byte (Lua strings are byte strings). */
function readLua(path: string): string {
  return readFileSync(path).toString("latin1");
}

function chunkBase(path: string): string {
  return basename(path, extname(path));
}

/** Modules a script requires by name that the build found nowhere: require raises at run time. */
async function compileCommand(files: string[], outDir: string): Promise<void> {
  if (files.length === 0) throw new UsageError("compile: no input file");
  mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    // The script's TypeScript, and that of each Lua module it requires (at its relative path).
    for (const [tsPath, ts] of await compileFileToReadableTs(readLua(file), file, basename(file))) {
      const out = outputPath(outDir, tsPath);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, Buffer.from(ts, "latin1"));
    }
  }
}

async function buildCommand(file: string | undefined, outfile: string | undefined): Promise<string> {
  if (!file) throw new UsageError("build: no input file");
  const out = outfile ?? join("dist", chunkBase(file) + ".mjs");
  const { code, warnings } = await bundleLua(readLua(file), file);
  for (const w of warnings) process.stderr.write(`qsys2ts: warning: ${w}\n`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, code);
  return out;
}

async function runCommand(file: string | undefined, args: string[]): Promise<void> {
  if (!file) throw new UsageError("run: no input file");
  const { code, warnings } = await bundleLua(readLua(file), file);
  for (const w of warnings) process.stderr.write(`qsys2ts: warning: ${w}\n`);
  const dir = mkdtempSync(join(tmpdir(), "qsys2ts-run-"));
  const out = join(dir, chunkBase(file) + ".mjs");
  writeFileSync(out, code);
  process.argv = [process.argv[0], out, ...args];
  await import(pathToFileURL(out).href);
}

async function designCommand(file: string | undefined, out: string | undefined, force: boolean): Promise<void> {
  if (!file) throw new UsageError("design: no input file");
  const text = draftDesign(scanDesign(parse(readLua(file), basename(file))), basename(file));
  if (out === "-") {
    process.stdout.write(text);
    return;
  }
  const target = out ?? designFileFor(file);
  if (existsSync(target) && !force) throw new Error(`${target} exists (use --force to replace it, or -o - to print the draft)`);
  writeFileSync(target, text);
  process.stderr.write(`qsys2ts: wrote ${target}\n`);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
        "out-dir": { type: "string", short: "o" },
        outfile: { type: "string" },
        force: { type: "boolean" },
      },
    });
  } catch (e) {
    process.stderr.write(`qsys2ts: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`qsys2ts ${typeof __VERSION__ === "string" ? __VERSION__ : "dev"}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    switch (command) {
      case "compile":
        await compileCommand(rest, values["out-dir"] ?? "out");
        return 0;
      case "build":
        if (rest.length > 1) throw new UsageError("build: one input file");
        await buildCommand(rest[0], values.outfile ?? values["out-dir"]);
        return 0;
      case "run":
        await runCommand(rest[0], rest.slice(1));
        return -1; // the program decides its own exit
      case "design":
        if (rest.length > 1) throw new UsageError("design: one input file");
        await designCommand(rest[0], values.outfile ?? values["out-dir"], values.force ?? false);
        return 0;
      case undefined:
        throw new UsageError("no command");
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`qsys2ts: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof LuaSyntaxError) {
      process.stderr.write(e.format());
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && err.code === "ENOENT") {
      process.stderr.write(`qsys2ts: cannot open ${err.path}\n`);
      return 1;
    }
    process.stderr.write(`qsys2ts: ${err?.message ?? String(e)}\n`);
    return 1;
  }
}
