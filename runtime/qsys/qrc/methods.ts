// The method table: every QRC method this server answers, by family. A method returns its
// result as JSON text (truthy: acknowledgements are `true`, qrc.md §0 item 4) or throws a
// QrcError. `open` methods are allowed before Logon.
import type { Session } from "./session.ts";
import { changeGroupMethods } from "./methods-change-group.ts";
import { componentMethods } from "./methods-component.ts";
import { controlMethods } from "./methods-control.ts";
import { sessionMethods } from "./methods-session.ts";

export interface Method {
  run(session: Session, params: unknown): string;
  open?: boolean;
}

export const METHODS: ReadonlyMap<string, Method> = new Map(
  Object.entries({ ...sessionMethods, ...controlMethods, ...componentMethods, ...changeGroupMethods }),
);
