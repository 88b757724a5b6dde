import { fileURLToPath } from "node:url";

// This module sits one folder below the project's root, and so does the built server
// (dist/huajie.mjs) that bundles it: the same relative URL finds the root from both.
const projectRoot = new URL("../", import.meta.url);

/** A file the server reads at run time (migrations, the built web client), by its path from the project's root. */
export const projectPath = (relative: string): string => fileURLToPath(new URL(relative, projectRoot));
