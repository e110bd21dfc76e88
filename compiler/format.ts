// Formatting of generated TypeScript with prettier, for the readable `compile` output.
import * as prettier from "prettier";

export async function formatTypeScript(code: string): Promise<string> {
  return prettier.format(code, { parser: "typescript", printWidth: 100, trailingComma: "all" });
}
