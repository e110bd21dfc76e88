// Table constructors: positional items as an array (the last one expanded), name = value
// fields as an object literal, [key] = value fields as a flat key/value array.
import type { L } from "../parse.ts";
import type { EmitContext } from "./context.ts";
import { isMulti } from "../analyse.ts";
import { spreadLast, stringLiteral, value } from "./expressions.ts";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function tableConstructor(ctx: EmitContext, e: L.TableConstructorExpression): string {
  const items: string[] = [];
  const named: string[] = [];
  const keyed: string[] = [];
  const positional = e.fields.filter((f) => f.type === "TableValue");
  const lastItem = positional[positional.length - 1];
  for (const f of e.fields) {
    if (f.type === "TableValue") items.push(f === lastItem ? spreadLast(ctx, f.value) : value(ctx, f.value));
    else if (f.type === "TableKeyString" && f.key.name !== "__proto__") {
      const k = f.key.name;
      named.push(`${IDENT.test(k) ? k : stringLiteral(k)}: ${value(ctx, f.value)}`);
    } else {
      // __proto__ in an object literal would set the prototype, so it goes with the keyed pairs
      const key = f.type === "TableKeyString" ? stringLiteral(f.key.name) : value(ctx, f.key);
      keyed.push(`${key}, ${value(ctx, f.value)}`);
    }
  }
  const args: string[] = [];
  if (items.length) args.push(`[${items.join(", ")}]`);
  if (named.length || keyed.length) {
    if (!items.length) args.push("undefined");
    args.push(named.length ? `{ ${named.join(", ")} }` : "undefined");
  }
  if (keyed.length) args.push(`[${keyed.join(", ")}]`);
  // Lua sizes the array part for the values written before an expanded tail, rounded up
  // from 16 on (lparser.c's luaO_int2fb): the runtime needs that count to size it alike.
  const fixed = lastItem !== undefined && isMulti(ctx.analysis.chunk, lastItem.value) ? positional.length - 1 : positional.length;
  if (fixed >= 16) {
    while (args.length < 3) args.push("undefined");
    args.push(String(fixed));
  }
  return `${ctx.markNode(e)}${ctx.rt("tableOf")}(${args.join(", ")})`;
}
