// Imported first by main.tsx, before any module parses. The CSP allows no eval: zod's compiled
// parsers would be refused anyway, and its probe for them is reported as a violation.
import { z } from "zod";

z.config({ jitless: true });
