#!/usr/bin/env node
// The `huajie` command. It runs the server that `npm run build` compiled into dist/huajie.mjs:
// compiling the TypeScript sources at every start (tsx) costs a node about 70 MiB more memory.
// Without that build, or when a source is newer than it (an edit since the last build), it
// runs the sources through tsx instead, so it never runs stale code.
import { readdirSync, statSync } from "node:fs";

const built = new URL("../dist/huajie.mjs", import.meta.url);
const sourceFolders = ["../server/", "../shared/"].map((folder) => new URL(folder, import.meta.url));

function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  return builtAt !== undefined && sourceFolders.every((folder) => newestChange(folder) <= builtAt);
}

if (builtIsCurrent()) {
  await import(built.href);
} else {
  console.error("huajie: running from the TypeScript sources (dist/huajie.mjs is missing or older than them); `npm run build` compiles them for a smaller server.");
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
  await import("../server/cli/main.ts");
}
