/** A machine uses an XState feature the compiled stepper does not replay. */
export class CompileError extends Error {
  constructor(machineId: string, where: string, what: string) {
    super(`cannot compile machine "${machineId}": ${where}: ${what}`);
    this.name = 'CompileError';
  }
}
