// Background API load for the deadline benchmark, in a process of its own so that it does not
// share the event loop of the node under test: reports and filtered lists in turn, for
// LOAD_SECONDS, then prints how many requests were answered.
import autocannon from "autocannon";

const env = process.env;
const headers = JSON.parse(env.LOAD_HEADERS!) as Record<string, string>;
const result = await autocannon({
  url: env.LOAD_URL!,
  connections: Number(env.LOAD_CONNECTIONS),
  duration: Number(env.LOAD_SECONDS),
  requests: [
    { method: "POST", path: "/api/incidents", headers: { ...headers, "content-type": "application/json" }, body: env.LOAD_BODY! },
    { method: "GET", path: env.LOAD_LIST_PATH!, headers },
  ],
});
console.log(JSON.stringify({ answered: result["2xx"], failed: result.non2xx + result.errors + result.timeouts, rps: result.requests.average, how: { timeouts: result.timeouts, errors: result.errors, statuses: Object.keys(result.statusCodeStats).join(" ") } }));
