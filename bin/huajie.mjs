#!/usr/bin/env node
// The `huajie` command. The server runs from its TypeScript sources through tsx, so a
// deployment needs no separate server build step.
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("../server/cli/main.ts");
