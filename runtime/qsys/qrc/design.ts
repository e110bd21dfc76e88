// What the QRC server (runtime/qsys/qrc) needs of a running design, and nothing more: the
// contract between the control model (runtime/qsys/controls) and the protocol. The
// control model implements it over the live Controls of the script; QRC tests use a fake.
// Field names are QRC's own (../shared/qrc.md §5), so a state serialises as it goes out.

/** One control as QRC reports it (Component.GetControls carries every field). */
export interface QrcControlState {
  Name: string;
  /** "Float", "Boolean", "Integer", "Text", "Trigger", "Status", ... (qrc.md §4.2). */
  Type: string;
  /** "Read Only", "Write Only" or "Read/Write". */
  Direction: string;
  /** A number (Boolean controls report 0/1); a text control reports 0. */
  Value: number;
  String: string;
  /** 0..1 within the control's range. */
  Position: number;
  ValueMin: number;
  ValueMax: number;
  StringMin: string;
  StringMax: string;
  Choices?: string[];
  Color?: string;
  Legend?: string;
  Indeterminate?: boolean;
  Invisible?: boolean;
  Disabled?: boolean;
  CssClass?: string;
}

/** A change requested by a QRC client; exactly one of Value / String / Position is set. */
export interface QrcChange {
  Value?: number | string | boolean;
  String?: string;
  Position?: number;
  /** Seconds. */
  Ramp?: number;
}

export interface QrcControl {
  state(): QrcControlState;
  /**
   * A change from outside the script, as a panel makes it on a Core: the control takes the
   * value through its type and range, and its Lua EventHandler runs (from the event loop).
   * Throws an Error whose message QRC reports when the value is not acceptable.
   */
  set(change: QrcChange): void;
  /** Increases whenever any aspect of the control changes (script or outside), so change groups can tell what moved. */
  version(): number;
}

export interface QrcComponent {
  Name: string;
  Type: string;
  Properties: { Name: string; Value: string; PrettyName: string }[];
  controls(): QrcControl[];
  control(name: string): QrcControl | undefined;
}

export interface QrcDesign {
  /** Named Controls (Control.Get / Control.Set / ChangeGroup.AddControl). */
  namedControl(name: string): QrcControl | undefined;
  /** Components whose controls are scriptable / externally accessible. */
  components(): QrcComponent[];
  component(name: string): QrcComponent | undefined;
  /** For EngineStatus and StatusGet. */
  status(): { Platform: string; State: string; DesignName: string; DesignCode: string; IsRedundant: boolean; IsEmulator: boolean };
}
