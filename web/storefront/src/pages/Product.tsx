// A product: images, specifications, rating and reviews, stock, a shipping
// estimate, "frequently bought together", the wishlist and the cart.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, Money, useSession } from "@shop/shared";
import {
  AddToCartDocument,
  AddToWishlistDocument,
  ProductDocument,
  RemoveFromWishlistDocument,
  ShippingEstimateDocument,
  WriteReviewDocument,
} from "../operations";
import { ProductCard, ProductImage, Stars, StockBadge } from "../components";

function ShippingEstimate({ productId, initial }: { productId: string; initial?: { postalCode: string; country: string } | null }) {
  const [dest, setDest] = useState(initial ?? { postalCode: "10001", country: "US" });
  const [draft, setDraft] = useState(dest);
  const [{ data, error }] = useQuery({ query: ShippingEstimateDocument, variables: { id: productId, ...dest } });
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDest(draft);
      }}
    >
      <span>
        Shipping to {dest.country} {dest.postalCode}: <strong>{data?.product ? <Money value={data.product.shippingEstimate} /> : "…"}</strong>
      </span>
      <label>
        Country <input value={draft.country} size={3} maxLength={2} onChange={(e) => setDraft({ ...draft, country: e.target.value.toUpperCase() })} />
      </label>
      <label>
        Postal code <input value={draft.postalCode} size={8} onChange={(e) => setDraft({ ...draft, postalCode: e.target.value })} />
      </label>
      <button type="submit">Estimate</button>
      <ErrorNote error={error} />
    </form>
  );
}

function ReviewForm({ productId, onDone }: { productId: string; onDone: () => void }) {
  const [rating, setRating] = useState(5);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [result, write] = useMutation(WriteReviewDocument);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await write({ input: { productId, rating, title, body } });
    if (r.data) {
      setTitle("");
      setBody("");
      onDone();
    }
  }
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="write-review">
      <h3 id="write-review">Write a review</h3>
      <label>
        Rating{" "}
        <select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {n} star{n > 1 ? "s" : ""}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </label>
      <label>
        Review <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
      </label>
      <ErrorNote error={result.error} />
      {result.data ? <p className="note">Thank you: your review is published{result.data.writeReview.verifiedPurchase ? " as a verified purchase" : ""}.</p> : null}
      <button type="submit" disabled={result.fetching}>
        Publish review
      </button>
    </form>
  );
}

export function ProductPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: ProductDocument, variables: { id, signedIn: !!session } });
  const [quantity, setQuantity] = useState(1);
  const [cart, addToCart] = useMutation(AddToCartDocument);
  const [wishAdd, addToWishlist] = useMutation(AddToWishlistDocument);
  const [wishRemove, removeFromWishlist] = useMutation(RemoveFromWishlistDocument);
  const [image, setImage] = useState(0);

  if (error) return <ErrorNote error={error} />;
  if (!data) return <p aria-busy={fetching}>Loading…</p>;
  const product = data.product;
  if (!product) return <h1>This product is not available</h1>;
  const inWishlist = data.me?.wishlist.some((p) => p.id === product.id) ?? false;
  const images = product.images.length ? [product.images[image] ?? product.images[0], ...product.images.filter((_, i) => i !== image)] : [];

  return (
    <article className="product">
      <nav aria-label="Breadcrumbs" className="muted">
        {product.categories[0]?.breadcrumbs.join(" › ")}
      </nav>
      <div className="product-top">
        <div className="gallery">
          <ProductImage images={images} name={product.name} large />
          {product.images.length > 1 ? (
            <div className="thumbs">
              {product.images.map((img, i) => (
                <button key={img.url} type="button" onClick={() => setImage(i)} aria-label={`Show image ${i + 1}`}>
                  <img src={img.url} alt="" width={56} height={56} />
                </button>
              ))}
            </div>
          ) : null}
        </div>
        <div className="buy stack">
          <h1>{product.name}</h1>
          {product.brand ? <p className="muted">{product.brand}</p> : null}
          <Stars average={product.rating.average} count={product.rating.count} />
          <p className="price">
            <Money value={product.price} />{" "}
            {product.compareAtPrice ? (
              <s className="muted">
                <Money value={product.compareAtPrice} />
              </s>
            ) : null}
          </p>
          <p data-testid="stock-status">
            <StockBadge status={product.stockStatus} />
          </p>
          {session ? (
            <>
              <div className="inline-form">
                <label>
                  Quantity <input type="number" min={1} max={99} value={quantity} onChange={(e) => setQuantity(Math.max(1, Number(e.target.value)))} />
                </label>
                <button
                  type="button"
                  className="primary"
                  disabled={cart.fetching || product.stockStatus === "OUT_OF_STOCK"}
                  onClick={() => addToCart({ productId: product.id, quantity })}
                >
                  Add to cart
                </button>
                <button
                  type="button"
                  aria-pressed={inWishlist}
                  disabled={wishAdd.fetching || wishRemove.fetching}
                  onClick={() => (inWishlist ? removeFromWishlist({ productId: product.id }) : addToWishlist({ productId: product.id }))}
                >
                  {inWishlist ? "Remove from wishlist" : "Add to wishlist"}
                </button>
              </div>
              {cart.data ? (
                <p className="note" role="status">
                  Added. <Link to="/cart">View cart ({cart.data.addToCart.itemCount})</Link>
                </p>
              ) : null}
              <ErrorNote error={cart.error ?? wishAdd.error ?? wishRemove.error} />
            </>
          ) : (
            <p>
              <Link to={`/login?next=/products/${product.id}`}>Sign in</Link> to buy this or save it to a wishlist.
            </p>
          )}
          <ShippingEstimate productId={product.id} initial={data.me?.defaultShippingAddress} />
        </div>
      </div>
      <section aria-labelledby="description">
        <h2 id="description">Description</h2>
        <p>{product.description || "No description."}</p>
      </section>
      <section aria-labelledby="specs">
        <h2 id="specs">Specifications</h2>
        <table>
          <tbody>
            {product.sku ? (
              <tr>
                <th scope="row">SKU</th>
                <td>{product.sku}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Weight</th>
              <td>{product.weightGrams} g</td>
            </tr>
            {product.attributes.map((a) => (
              <tr key={a.key}>
                <th scope="row">{humanize(a.key)}</th>
                <td>{a.type === "BOOLEAN" ? (a.value === "true" ? "Yes" : "No") : a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {product.frequentlyBoughtTogether.length ? (
        <section aria-labelledby="fbt">
          <h2 id="fbt">Frequently bought together</h2>
          <ul className="grid">
            {product.frequentlyBoughtTogether.map((p) => (
              <ProductCard key={p.id} product={p} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="reviews">
        <h2 id="reviews">Reviews ({product.reviews.totalCount})</h2>
        <ul className="reviews">
          {product.reviews.nodes.map((r) => (
            <li key={r.id}>
              <strong>{"★".repeat(r.rating)}{"☆".repeat(5 - r.rating)} {r.title}</strong>
              <p>{r.body}</p>
              <p className="muted">
                {r.author.name}, {formatDate(r.createdAt)}
                {r.verifiedPurchase ? " · Verified purchase" : ""}
              </p>
            </li>
          ))}
        </ul>
        {session ? <ReviewForm productId={product.id} onDone={() => refetch({ requestPolicy: "network-only" })} /> : null}
      </section>
    </article>
  );
}
