// The built-in modules a Core gives to require (qsys-api.md §5): registered in package.preload,
// each created on its first require.
import { registerBuiltinModule } from "../lua/package.ts";
import { openJson } from "./json.ts";
import { openRapidjson } from "./rapidjson.ts";

registerBuiltinModule("rapidjson", openRapidjson);
registerBuiltinModule("json", openJson);
