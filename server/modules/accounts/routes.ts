import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Account, AccountList, AccountListQuery, CreateAccountInput, ResetPasswordInput, UpdateAccountInput } from "@shared/accounts/schemas.ts";
import { IdParams } from "@shared/common.ts";
import { VersionInput } from "@shared/orgs/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentAccount } from "./present.ts";
import { type AccountWithOrg, listAccounts } from "./queries.ts";
import * as accounts from "./service.ts";

export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["accounts"];
  const present = (request: { actor: Actor | null }) => (found: AccountWithOrg) => presentAccount(actorOf(request), found);

  app.get("/api/accounts", { schema: { tags, summary: "Accounts in the caller's jurisdiction", querystring: AccountListQuery, response: { 200: AccountList } } }, async (request) => {
    const actor = actorOf(request);
    const { includeInactive, ...filter } = request.query;
    const result = await listAccounts(db.orm, actor, { ...filter, includeInactive: includeInactive === "true" });
    return { items: result.items.map((found) => presentAccount(actor, found)), total: result.total };
  });

  app.post("/api/accounts", { schema: { tags, summary: "Create an account (it must change its password at first sign-in)", body: CreateAccountInput, response: { 201: Account } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, accounts.createAccount, request.body).then(present(request));
  });

  app.get("/api/accounts/:id", { schema: { tags, summary: "One account (audited when it is not one's own)", params: IdParams, response: { 200: Account } } }, (request) =>
    runAction(app.deps, request, accounts.getAccount, request.params).then(present(request)),
  );

  app.patch("/api/accounts/:id", { schema: { tags, summary: "Edit an account", params: IdParams, body: UpdateAccountInput, response: { 200: Account } } }, (request) =>
    runAction(app.deps, request, accounts.updateAccount, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/accounts/:id/reset-password", { schema: { tags, summary: "Set a new initial password and end the account's sessions", params: IdParams, body: ResetPasswordInput, response: { 200: Account } } }, (request) =>
    runAction(app.deps, request, accounts.resetPassword, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/accounts/:id/deactivate", { schema: { tags, summary: "Deactivate an account", params: IdParams, body: VersionInput, response: { 200: Account } } }, (request) =>
    runAction(app.deps, request, accounts.deactivateAccount, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/accounts/:id/reactivate", { schema: { tags, summary: "Reactivate an account", params: IdParams, body: VersionInput, response: { 200: Account } } }, (request) =>
    runAction(app.deps, request, accounts.reactivateAccount, { ...request.body, id: request.params.id }).then(present(request)),
  );
}
