import { fsyncSync } from "node:fs";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/**
 * PGlite's start parameters with fsync turned on. Its defaults pass `-F` (fsync off): a commit
 * then reaches the operating system's cache, which survives a killed process but not a power
 * cut. Without `-F` PostgreSQL itself syncs where its durability needs it — the write-ahead log
 * when a transaction that wrote something commits, data files and pg_control at a checkpoint,
 * a directory after a file is created or renamed — and nowhere on a read. `fsync` is the WAL
 * sync method because the WASM build's fdatasync returns without reaching the file system.
 */
export const DURABLE_START_PARAMS = [
  "--single",
  "-O",
  "-j",
  "-c",
  "search_path=public",
  "-c",
  "exit_on_error=false",
  "-c",
  "log_checkpoints=false",
  "-c",
  "max_worker_processes=0",
  "-c",
  "max_parallel_workers=0",
  "-c",
  "max_parallel_workers_per_gather=0",
  "-c",
  "io_method=sync",
  "-c",
  "max_parallel_maintenance_workers=0",
  "-c",
  "wal_sync_method=fsync",
];

type InitArgs = Parameters<NodeFS["init"]>;
type PostgresMod = InitArgs[1] extends Partial<infer M> ? M : never;

interface NodeStream {
  nfd?: number;
}

interface NodefsModule {
  NODEFS: {
    stream_ops: { fsync?: (stream: NodeStream) => number };
    tryFSOperation<T>(operation: () => T): T;
  };
}

/**
 * The data directory on the real file system, as PGlite's own NodeFS mounts it, except that
 * an fsync from PostgreSQL reaches the disk: Emscripten's NODEFS has no fsync of its own, so
 * the call used to succeed without doing anything.
 */
export class DurableNodeFS extends NodeFS {
  override async init(...args: InitArgs) {
    const { emscriptenOpts } = await super.init(...args);
    const syncing = (mod: PostgresMod) => {
      const { NODEFS } = mod as unknown as NodefsModule;
      NODEFS.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) NODEFS.tryFSOperation(() => fsyncSync(stream.nfd!));
        return 0;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [syncing, ...(emscriptenOpts.preRun ?? [])] } };
  }
}
