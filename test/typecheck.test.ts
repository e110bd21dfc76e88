// Every golden out/*.ts type-checks under strict, against the runtime it imports.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

test("golden outputs pass tsc --strict", () => {
  const project = new Project({ tsConfigFilePath: join(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  const files = readdirSync(join(root, "out")).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) project.addSourceFileAtPath(join(root, "out", f));
  const diagnostics = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile()?.getFilePath().includes("/out/"));
  const text = project.formatDiagnosticsWithColorAndContext(diagnostics);
  expect(text).toBe("");
});
