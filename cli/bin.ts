// The licsim process: its streams quiet when their reader goes away, its exit code from main.
import { main } from './main.ts';

/**
 * A reader that went away (`licsim schema | head -1`) is no error of licsim's: the
 * pipe's EPIPE (and any write to the stream after it) is swallowed, later writes go
 * nowhere, and the command ends as it would have, with its own exit code.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    stream.write = ((...args: unknown[]) => {
      const done = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }) as typeof stream.write;
  });
}
quietWhenClosed(process.stdout);
quietWhenClosed(process.stderr);
process.exitCode = await main(process.argv.slice(2));
