// The runtime's public entry: everything generated code imports comes from here.
export * from "./lua/value.ts";
export * from "./lua/table.ts";
export * from "./lua/errors.ts";
export * from "./lua/meta.ts";
export * from "./lua/number.ts";
export * from "./lua/arith.ts";
export * from "./lua/bitwise.ts";
export * from "./lua/compare.ts";
export * from "./lua/concat.ts";
export * from "./lua/index-ops.ts";
export * from "./lua/call.ts";
