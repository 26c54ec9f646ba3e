// on-exit-leak-free (pino's own exit hooks) ships no types.
declare module "on-exit-leak-free" {
  type Hook<T extends object> = (obj: T, event: "exit" | "beforeExit") => void;
  const onExit: {
    /** Calls `fn` on process exit while `obj` is alive; holds `obj` weakly. */
    register<T extends object>(obj: T, fn: Hook<T>): void;
    registerBeforeExit<T extends object>(obj: T, fn: Hook<T>): void;
    unregister(obj: object): void;
  };
  export default onExit;
}
