// The fan-out benchmark's baseline: a bare `ws` server that sends one message to every
// connected client when POST /broadcast arrives, with no session, policy or database.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const server = createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/broadcast") {
    response.writeHead(404).end();
    return;
  }
  const message = JSON.stringify({ type: "incident.reported", at: new Date().toISOString() });
  for (const client of wss.clients) client.send(message);
  response.writeHead(200).end();
});
const wss = new WebSocketServer({ server, path: "/live" });
process.once("SIGTERM", () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
