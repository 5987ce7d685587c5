// Users and roles (ADMIN only; the API refuses anyone else with FORBIDDEN).
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate } from "@shop/shared";
import type { Role } from "@shop/shared/src/gql/graphql";
import { DeactivateUserDocument, SetUserRolesDocument, UsersDocument } from "../operations";

const ROLES: Role[] = ["CUSTOMER", "STAFF", "ADMIN"];

export function Users() {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [after, setAfter] = useState<string>();
  const [{ data, error }, refetch] = useQuery({
    query: UsersDocument,
    variables: { filter: { query: query || null, role: role || null }, after },
    requestPolicy: "cache-and-network",
  });
  const [rolesSet, setRoles] = useMutation(SetUserRolesDocument);
  const [deactivated, deactivate] = useMutation(DeactivateUserDocument);
  return (
    <div className="stack">
      <h1>Users and roles</h1>
      <form
        role="search"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(undefined);
          setQuery(search);
        }}
      >
        <label>
          Email or name <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Role{" "}
          <select value={role} onChange={(e) => setRole(e.target.value as Role | "")}>
            <option value="">Any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={error ?? rolesSet.error ?? deactivated.error} />
      <p>{data ? `${data.users.totalCount} users` : ""}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Since</th>
            <th scope="col">Roles</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {data?.users.nodes.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{formatDate(u.createdAt)}</td>
              <td>
                {ROLES.map((r) => (
                  <label key={r} className="check" style={{ display: "inline-block", marginRight: 8 }}>
                    <input
                      type="checkbox"
                      checked={u.roles.includes(r)}
                      onChange={(e) => setRoles({ userId: u.id, roles: e.target.checked ? [...u.roles, r] : u.roles.filter((x) => x !== r) })}
                    />
                    {r}
                  </label>
                ))}
              </td>
              <td>
                {u.active ? (
                  <button type="button" onClick={() => deactivate({ userId: u.id }).then(() => refetch({ requestPolicy: "network-only" }))}>
                    Deactivate
                  </button>
                ) : (
                  "Deactivated"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.users.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.users.pageInfo.endCursor ?? undefined)}>
          Next page
        </button>
      ) : null}
    </div>
  );
}
