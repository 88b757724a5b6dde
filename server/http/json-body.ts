import type { FastifyInstance } from "fastify";
import { AppError } from "./errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses JSON bodies as Fastify does (prototype poisoning refused), but refuses bytes that are
 * not UTF-8 instead of turning them into U+FFFD: a record would otherwise keep a garbled name
 * and nobody would know what was sent.
 */
export function registerStrictJsonParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError(400, "invalidEncoding"), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
