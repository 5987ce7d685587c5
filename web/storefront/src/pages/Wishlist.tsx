import { useQuery } from "urql";
import { ErrorNote, useSession } from "@shop/shared";
import { WishlistDocument } from "../operations";
import { ProductCard } from "../components";
import { SignInFirst } from "../App";

export default function Wishlist() {
  const session = useSession();
  const [{ data, error }] = useQuery({ query: WishlistDocument, pause: !session, requestPolicy: "network-only" });
  if (!session) return <SignInFirst what="Your wishlist" />;
  return (
    <section aria-labelledby="wishlist-heading">
      <h1 id="wishlist-heading">Your wishlist</h1>
      <ErrorNote error={error} />
      {data && !data.me.wishlist.length ? <p>Nothing saved yet: use “Add to wishlist” on a product.</p> : null}
      <ul className="grid">
        {data?.me.wishlist.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </ul>
    </section>
  );
}
