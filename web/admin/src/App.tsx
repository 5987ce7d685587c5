// The admin app: sign-in, the role gate (STAFF or ADMIN; a customer is told
// they lack the role), navigation and routes.
import { useState, type FormEvent } from "react";
import { NavLink, Route, Routes } from "react-router-dom";
import { useClient, useQuery, type CombinedError } from "urql";
import { ErrorNote, login, logout, useSession } from "@shop/shared";
import { AdminMeDocument } from "./operations";
import { Dashboard } from "./pages/Dashboard";
import { Products, ProductEditor } from "./pages/Products";
import { Categories } from "./pages/Categories";
import { Orders, OrderDetail } from "./pages/Orders";
import { Users } from "./pages/Users";

function SignIn() {
  const client = useClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<CombinedError>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await login(client, email, password);
    setError(r.error);
  }
  return (
    <main id="main" className="narrow">
      <h1>shop admin: sign in</h1>
      <form onSubmit={submit} className="stack">
        <label>
          Email <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

export function App() {
  const session = useSession();
  const client = useClient();
  const [{ data, error }] = useQuery({ query: AdminMeDocument, pause: !session });
  if (!session) return <SignIn />;
  const roles = data?.me.roles ?? session.roles;
  const staff = roles.includes("STAFF") || roles.includes("ADMIN");
  const signOut = (
    <button type="button" className="link" onClick={() => logout(client)}>
      Sign out
    </button>
  );
  if (!staff) {
    return (
      <main id="main" className="narrow">
        <h1>Not allowed</h1>
        <p className="error" role="alert" data-code="FORBIDDEN">
          You are signed in as {data?.me.email ?? "a customer"}, who lacks the STAFF or ADMIN role the admin app needs. Ask an administrator
          for the role, or sign in with a staff account.
        </p>
        {signOut}
      </main>
    );
  }
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <span className="brand">shop admin</span>
        <nav aria-label="Sections">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          <NavLink to="/products">Products</NavLink>
          <NavLink to="/categories">Categories</NavLink>
          <NavLink to="/orders">Orders</NavLink>
          {roles.includes("ADMIN") ? <NavLink to="/users">Users</NavLink> : null}
          <span className="muted">{data?.me.name}</span>
          {signOut}
        </nav>
      </header>
      <main id="main">
        <ErrorNote error={error} />
        <Routes>
          <Route path="/" element={<Dashboard />} />
          <Route path="/products" element={<Products />} />
          <Route path="/products/new" element={<ProductEditor />} />
          <Route path="/products/:id" element={<ProductEditor />} />
          <Route path="/categories" element={<Categories />} />
          <Route path="/orders" element={<Orders />} />
          <Route path="/orders/:id" element={<OrderDetail />} />
          <Route path="/users" element={<Users />} />
          <Route path="*" element={<h1>Page not found</h1>} />
        </Routes>
      </main>
    </>
  );
}
