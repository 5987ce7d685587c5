// Sessions: the access and refresh tokens from `login`, kept in
// localStorage, refreshed with `refreshSession` shortly before the access
// token expires or when the API answers UNAUTHENTICATED.
import { Client, cacheExchange, fetchExchange } from "urql";
import { authExchange } from "@urql/exchange-auth";
import { graphql } from "./gql";

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  userId: string;
  roles: string[];
}

// Each app keeps its own session (the storefront's customer and the admin
// app's staff member may differ in one browser): `setSessionKey` at start-up.
let KEY = "shop.session";

/** Chooses the localStorage key this app keeps its session under. */
export function setSessionKey(key: string) {
  KEY = key;
}

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresAt
      user { id name roles }
    }
  }
`);

export const RefreshDocument = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresAt
      user { id roles }
    }
  }
`);

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null) {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The GraphQL endpoint: the same origin's `/graphql`, which the web server
 * passes to the router (so no CORS and no third-party origin). */
export const GRAPHQL_URL = "/graphql";

/** A urql client for the apps: bearer token on every request, the token
 * refreshed once before expiry or after UNAUTHENTICATED, the session dropped
 * when the refresh fails. */
export function createClient(url: string = GRAPHQL_URL): Client {
  return new Client({
    url,
    requestPolicy: "cache-and-network",
    // Queries go as POST with a JSON body, like mutations: the router's CSRF
    // protection refuses a GET without a preflight header.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const session = loadSession();
          return session
            ? utils.appendHeaders(operation, { Authorization: `Bearer ${session.accessToken}` })
            : operation;
        },
        didAuthError(error) {
          return error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
        },
        willAuthError() {
          const session = loadSession();
          return !!session && Date.parse(session.expiresAt) - Date.now() < 30_000;
        },
        async refreshAuth() {
          const session = loadSession();
          if (!session) return;
          const result = await utils.mutate(RefreshDocument, { refreshToken: session.refreshToken });
          const fresh = result.data?.refreshSession;
          saveSession(
            fresh
              ? {
                  accessToken: fresh.accessToken,
                  refreshToken: fresh.refreshToken,
                  expiresAt: fresh.expiresAt,
                  userId: fresh.user.id,
                  roles: fresh.user.roles,
                }
              : null,
          );
        },
      })),
      fetchExchange,
    ],
  });
}

export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

/** Ends the session on the server (its refresh token stops working) and here. */
export async function logout(client: Client) {
  await client.mutation(LogoutDocument, {}).toPromise();
  saveSession(null);
}

/** Logs in with `login` and keeps the session. */
export async function login(client: Client, email: string, password: string) {
  const result = await client.mutation(LoginDocument, { email, password }, { requestPolicy: "network-only" }).toPromise();
  const payload = result.data?.login;
  if (payload) {
    saveSession({
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      expiresAt: payload.expiresAt,
      userId: payload.user.id,
      roles: payload.user.roles,
    });
  }
  return result;
}
