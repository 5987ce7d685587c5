// The offline GraphQL IDE: GraphiQL from npm, bundled, pointed at the
// router through the web server's /graphql (or straight at the router), with
// a login helper that puts a demo account's bearer token into the headers.
import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";
import { createClient, errorMessage, login, loadSession, saveSession, setSessionKey } from "@shop/shared";

// The IDE keeps its own session: signing in here signs nobody out of the
// storefront or the admin app.
setSessionKey("shop.graphiql.session");

const ENDPOINTS = [
  { label: "Supergraph (this server's /graphql → router)", url: new URL("/graphql", location.origin).toString() },
  { label: "Router, directly (http://127.0.0.1:4000)", url: "http://127.0.0.1:4000/" },
];

const DEMO = [
  { email: "customer@shop.test", password: "customer-password" },
  { email: "staff@shop.test", password: "staff-password" },
  { email: "admin@shop.test", password: "admin-password" },
];

const FEDERATED_QUERY = `# One query, three subgraphs: user (me), order (orders) and product (product).
# Log in with a demo account above first.
query MyOrders {
  me {
    name
    email
    orders(first: 5) {
      nodes {
        id
        status
        total { amount currency }
        lines {
          quantity
          product { name price { amount currency } stockStatus }
        }
      }
    }
  }
}
`;

function App() {
  const [endpoint, setEndpoint] = useState(ENDPOINTS[0].url);
  const [account, setAccount] = useState(DEMO[0].email);
  const [token, setToken] = useState(() => loadSession()?.accessToken ?? "");
  const [status, setStatus] = useState("");
  const [query, setQuery] = useState(FEDERATED_QUERY);
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: endpoint }), [endpoint]);
  const client = useMemo(() => createClient(ENDPOINTS[0].url), []);

  async function signIn() {
    const demo = DEMO.find((d) => d.email === account)!;
    setStatus("signing in…");
    const result = await login(client, demo.email, demo.password);
    const session = loadSession();
    if (result.data && session) {
      setToken(session.accessToken);
      setStatus(`signed in as ${demo.email}`);
    } else {
      setStatus(errorMessage(result.error) ?? "login failed");
    }
  }

  function signOut() {
    saveSession(null);
    setToken("");
    setStatus("signed out");
  }

  const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : "{}";
  return (
    <div style={{ height: "100vh", display: "flex", flexDirection: "column" }}>
      <header
        style={{ display: "flex", gap: 8, alignItems: "center", padding: "6px 10px", fontFamily: "system-ui, sans-serif", fontSize: 14, borderBottom: "1px solid #ddd" }}
      >
        <strong>shop GraphQL IDE</strong>
        <label>
          Endpoint{" "}
          <select value={endpoint} onChange={(e) => setEndpoint(e.target.value)}>
            {ENDPOINTS.map((e) => (
              <option key={e.url} value={e.url}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Demo account{" "}
          <select value={account} onChange={(e) => setAccount(e.target.value)}>
            {DEMO.map((d) => (
              <option key={d.email}>{d.email}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={signIn}>
          Log in and set the Authorization header
        </button>
        {token && (
          <button type="button" onClick={signOut}>
            Log out
          </button>
        )}
        <span role="status">{status}</span>
      </header>
      <div style={{ flex: 1, minHeight: 0 }}>
        {/* Remounted when the token changes, so the headers editor shows it. */}
        {/* Remounted when the token or the endpoint changes (the headers
            editor takes its text at mount), with the query as it was. */}
        <GraphiQL
          key={token + endpoint}
          fetcher={fetcher}
          query={query}
          onEditQuery={setQuery}
          defaultHeaders={headers}
          headers={headers}
          shouldPersistHeaders={false}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
