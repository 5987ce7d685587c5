// The storefront: layout, header and routes. Pages that change often load
// on demand, so the first page a shopper opens stays small.
import { lazy, Suspense, useState, type FormEvent } from "react";
import { Link, Navigate, NavLink, Route, Routes, useNavigate, useParams } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { logout, useSession } from "@shop/shared";
import { HeaderDocument } from "./operations";
import { Home } from "./pages/Home";
import { Search } from "./pages/Search";
import { ProductPage } from "./pages/Product";

const Cart = lazy(() => import("./pages/Cart"));
const Checkout = lazy(() => import("./pages/Checkout"));
const Auth = lazy(() => import("./pages/Auth"));
const Account = lazy(() => import("./pages/Account"));
const Orders = lazy(() => import("./pages/Orders"));
const OrderPage = lazy(() => import("./pages/Order"));
const Wishlist = lazy(() => import("./pages/Wishlist"));
const Notifications = lazy(() => import("./pages/Notifications"));

function Header() {
  const session = useSession();
  const client = useClient();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const [{ data }] = useQuery({ query: HeaderDocument, pause: !session });
  const me = session ? data?.me : undefined;

  function search(e: FormEvent) {
    e.preventDefault();
    navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  }

  return (
    <header className="site-header">
      <Link to="/" className="brand">
        shop
      </Link>
      <form role="search" onSubmit={search} className="search-box">
        <label htmlFor="q" className="visually-hidden">
          Search products
        </label>
        <input id="q" type="search" placeholder="Search products" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <nav aria-label="Account">
        {session ? (
          <>
            <NavLink to="/wishlist">Wishlist</NavLink>
            <NavLink to="/orders">Orders</NavLink>
            <NavLink to="/notifications">
              Notifications{me?.unreadNotificationCount ? <span className="badge">{me.unreadNotificationCount}</span> : null}
            </NavLink>
            <NavLink to="/account">{me?.name ?? "Account"}</NavLink>
            <button
              type="button"
              className="link"
              onClick={async () => {
                await logout(client);
                navigate("/");
              }}
            >
              Sign out
            </button>
          </>
        ) : (
          <>
            <NavLink to="/login">Sign in</NavLink>
            <NavLink to="/register">Register</NavLink>
          </>
        )}
        <NavLink to="/cart" className="cart-link">
          Cart{me?.cart.itemCount ? <span className="badge">{me.cart.itemCount}</span> : null}
        </NavLink>
      </nav>
    </header>
  );
}

export function App() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main">
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/search" element={<Search />} />
            <Route path="/category/:id" element={<CategoryLink />} />
            <Route path="/products/:id" element={<ProductPage />} />
            <Route path="/cart" element={<Cart />} />
            <Route path="/checkout" element={<Checkout />} />
            <Route path="/login" element={<Auth mode="login" />} />
            <Route path="/register" element={<Auth mode="register" />} />
            <Route path="/forgot-password" element={<Auth mode="forgot" />} />
            <Route path="/reset-password" element={<Auth mode="reset" />} />
            <Route path="/verify-email" element={<Auth mode="verify" />} />
            <Route path="/account" element={<Account />} />
            <Route path="/wishlist" element={<Wishlist />} />
            <Route path="/orders" element={<Orders />} />
            <Route path="/orders/:id" element={<OrderPage />} />
            <Route path="/notifications" element={<Notifications />} />
            <Route path="*" element={<h1>Page not found</h1>} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          shop, a federated GraphQL e-commerce backend. Test cards at checkout: <code>tok_visa</code>, <code>tok_declined</code>.{" "}
          <a href="/graphiql/">GraphQL IDE</a> · <a href="/admin/">Admin</a>
        </p>
      </footer>
    </>
  );
}

/** Sends a guest to sign in, and back here afterwards. */
export function SignInFirst({ what }: { what: string }) {
  const here = location.pathname + location.search;
  return (
    <section>
      <h1>{what}</h1>
      <p>
        Please <Link to={`/login?next=${encodeURIComponent(here)}`}>sign in</Link> or <Link to="/register">register</Link> first.
      </p>
    </section>
  );
}

/** `/category/<id>`: the category's listing, as a search filter (so the
 * facets can widen it again). */
function CategoryLink() {
  const { id = "" } = useParams();
  return <Navigate replace to={`/search?category=${encodeURIComponent(id)}`} />;
}
