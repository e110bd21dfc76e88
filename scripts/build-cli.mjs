// Builds the compiler (TypeScript sources) into lib/cli.mjs; run by `npm ci` (prepare) and,
// when the sources are newer, by bin/qsys2ts.mjs itself.
import { buildSync } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

export function buildCli() {
  buildSync({
    entryPoints: [join(root, "compiler", "cli.ts")],
    outfile: join(root, "lib", "cli.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    define: { __VERSION__: JSON.stringify(pkg.version) },
    sourcemap: "inline",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildCli();
