// The cart, with what is wrong with it shown line by line: out of stock,
// fewer left than wanted, or a price that changed since it was added.
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { ErrorNote, Money, useSession } from "@shop/shared";
import type { CartFieldsFragment } from "@shop/shared/src/gql/graphql";
import { CartDocument, RemoveCartLineDocument, UpdateCartLineDocument } from "../operations";
import { ProductImage, StockBadge, Totals } from "../components";
import { SignInFirst } from "../App";

export function CartLines({ cart, editable }: { cart: CartFieldsFragment; editable: boolean }) {
  const [update, updateLine] = useMutation(UpdateCartLineDocument);
  const [remove, removeLine] = useMutation(RemoveCartLineDocument);
  return (
    <>
      <ErrorNote error={update.error ?? remove.error} />
      <table className="cart">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
            {editable ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => {
            const problems = cart.problems.filter((p) => p.lineId === line.id);
            return (
              <tr key={line.id} data-testid="cart-line">
                <td>
                  <Link to={`/products/${line.product.id}`} className="line-product">
                    <ProductImage images={line.product.images} name={line.product.name} />
                    {line.product.name}
                  </Link>
                  <StockBadge status={line.product.stockStatus} />
                  {problems.map((p) => (
                    <p key={p.kind} className="problem" role="alert" data-kind={p.kind}>
                      {p.message}
                      {p.kind === "PRICE_CHANGED" && p.previousPrice && p.currentPrice ? (
                        <>
                          {" "}
                          (was <Money value={p.previousPrice} />, now <Money value={p.currentPrice} />)
                        </>
                      ) : null}
                      {p.kind === "INSUFFICIENT_STOCK" && p.available != null && editable ? (
                        <button type="button" className="link" onClick={() => updateLine({ lineId: line.id, quantity: p.available! })}>
                          {" "}
                          Take the {p.available} left
                        </button>
                      ) : null}
                    </p>
                  ))}
                </td>
                <td>
                  <Money value={line.unitPrice} />
                </td>
                <td>
                  {editable ? (
                    <input
                      type="number"
                      min={1}
                      max={99}
                      aria-label={`Quantity of ${line.product.name}`}
                      defaultValue={line.quantity}
                      onBlur={(e) => {
                        const quantity = Number(e.target.value);
                        if (quantity !== line.quantity && quantity > 0) updateLine({ lineId: line.id, quantity });
                      }}
                    />
                  ) : (
                    line.quantity
                  )}
                </td>
                <td>
                  <Money value={line.lineTotal} />
                </td>
                {editable ? (
                  <td>
                    <button type="button" className="link" onClick={() => removeLine({ lineId: line.id })} aria-label={`Remove ${line.product.name}`}>
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <Totals
        rows={[
          ["Subtotal", cart.subtotal],
          [`Shipping (estimate, ${cart.estimateCountry})`, cart.estimatedShipping],
          ["Tax (estimate)", cart.estimatedTax],
          ["Total", cart.total],
        ]}
      />
    </>
  );
}

export default function Cart() {
  const session = useSession();
  const [{ data, error }] = useQuery({ query: CartDocument, pause: !session });
  if (!session) return <SignInFirst what="Your cart" />;
  const cart = data?.me.cart;
  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Your cart</h1>
      <ErrorNote error={error} />
      {cart && !cart.lines.length ? (
        <p>
          Your cart is empty. <Link to="/search">Browse products</Link>.
        </p>
      ) : null}
      {cart && cart.lines.length ? (
        <>
          <CartLines cart={cart} editable />
          <p>
            <Link to="/checkout" className="button primary">
              Check out
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
