import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AddMemberInput, CreateGroupInput, Group, GroupHistory, GroupList, GroupListQuery, IdParams, RemoveMemberInput, UpdateGroupInput } from "@shared/groups/schemas.ts";
import { runAction } from "../../http/action.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import { presentGroup, presentMember } from "./present.ts";
import { findMembers, listGroups } from "./queries.ts";
import * as groups from "./service.ts";

export async function groupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["groups"];
  const present = (request: { actor: Actor | null }) => (view: groups.GroupView) => presentGroup(actorOf(request), view);

  app.get("/api/groups", { schema: { tags, summary: "Leadership and working groups in the caller's jurisdiction, with their current members", querystring: GroupListQuery, response: { 200: GroupList } } }, async (request) => {
    const actor = actorOf(request);
    const page = await listGroups(db.orm, actor, request.query);
    const members = await findMembers(db.orm, page.items.map((item) => item.group.id), { history: false });
    return {
      items: page.items.map((item) => presentGroup(actor, { ...item, members: members.filter((m) => m.membership.groupId === item.group.id) })),
      total: page.total,
    };
  });

  app.post("/api/groups", { schema: { tags, summary: "Set up a group in an org, with its first members", body: CreateGroupInput, response: { 201: Group } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, groups.createGroup, request.body).then(present(request));
  });

  app.get("/api/groups/:id", { schema: { tags, summary: "One group with its current members", params: IdParams, response: { 200: Group } } }, (request) =>
    runAction(app.deps, request, groups.getGroup, request.params).then(present(request)),
  );

  app.patch("/api/groups/:id", { schema: { tags, summary: "Edit a group's name, duties, parent group or plan", params: IdParams, body: UpdateGroupInput, response: { 200: Group } } }, (request) =>
    runAction(app.deps, request, groups.updateGroup, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/groups/:id/members", { schema: { tags, summary: "Add a member in a position", params: IdParams, body: AddMemberInput, response: { 200: Group } } }, (request) =>
    runAction(app.deps, request, groups.addMember, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.post("/api/groups/:id/members/remove", { schema: { tags, summary: "End a membership (it stays in the history)", params: IdParams, body: RemoveMemberInput, response: { 200: Group } } }, (request) =>
    runAction(app.deps, request, groups.removeMember, { ...request.body, id: request.params.id }).then(present(request)),
  );

  app.get("/api/groups/:id/history", { schema: { tags, summary: "Every membership the group has had, current and past", params: IdParams, response: { 200: GroupHistory } } }, async (request) => {
    const history = await runAction(app.deps, request, groups.groupHistory, request.params);
    return { items: history.map(presentMember) };
  });
}
