// Checkout: an address from the book, a test card or a saved card, and the
// checkout mutation with an idempotency key. A timeout (UNAVAILABLE, or no
// answer at all) is retried with the same key, which the order service
// turns into the same order: never a second charge. A decline shows its
// reason and keeps the cart; the next attempt gets a new key.
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery, type CombinedError } from "urql";
import { ErrorNote, errorCode, humanize, useSession } from "@shop/shared";
import { CheckoutDocument, CheckoutPageDocument } from "../operations";
import { CartLines } from "./Cart";
import { AddressForm } from "./Account";
import { SignInFirst } from "../App";

export const TEST_CARDS = [
  ["tok_visa", "Visa ending 4242 (succeeds)"],
  ["tok_mastercard", "Mastercard ending 4444 (succeeds)"],
  ["tok_declined", "Card that is declined"],
  ["tok_insufficient_funds", "Card with insufficient funds"],
  ["tok_timeout", "Card whose bank does not answer"],
] as const;

const RETRIES = 3;

function newKey(): string {
  return crypto.randomUUID();
}

function declineReason(error: CombinedError): string | undefined {
  const reason = error.graphQLErrors[0]?.extensions?.reason;
  return typeof reason === "string" ? humanize(reason) : undefined;
}

export default function Checkout() {
  const session = useSession();
  const navigate = useNavigate();
  const [{ data, error }, refetch] = useQuery({ query: CheckoutPageDocument, pause: !session, requestPolicy: "network-only" });
  const [addressId, setAddressId] = useState<string>();
  const [payment, setPayment] = useState<string>("tok_visa");
  const [key, setKey] = useState(newKey);
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<CombinedError>();
  const [checkoutState, checkout] = useMutation(CheckoutDocument);
  if (!session) return <SignInFirst what="Checkout" />;
  const me = data?.me;
  if (!me) return <ErrorNote error={error}>Loading…</ErrorNote>;
  const cart = me.cart;
  const chosenAddress = addressId ?? me.addresses.find((a) => a.isDefault)?.id ?? me.addresses[0]?.id;

  async function placeOrder() {
    if (!chosenAddress) return;
    setFailure(undefined);
    const paymentMethod = payment.startsWith("tok_") ? { token: payment } : { savedPaymentMethodId: payment };
    for (let attempt = 1; attempt <= RETRIES; attempt++) {
      setStatus(attempt === 1 ? "Placing your order…" : `The payment provider did not answer; trying again (${attempt} of ${RETRIES})…`);
      const result = await checkout({ input: { idempotencyKey: key, shippingAddressId: chosenAddress, paymentMethod } });
      if (result.data) {
        setStatus("");
        navigate(`/orders/${result.data.checkout.id}?placed=1`);
        return;
      }
      const code = errorCode(result.error);
      const retryable = code === "UNAVAILABLE" || (code === "CONFLICT" && result.error?.graphQLErrors[0]?.extensions?.retryable === true);
      if (!retryable || attempt === RETRIES) {
        setStatus("");
        setFailure(result.error);
        // A declined key is spent: the next attempt is a new checkout. A
        // timeout keeps its key, so "try again" finishes the same one.
        if (!retryable) setKey(newKey());
        refetch({ requestPolicy: "network-only" });
        return;
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }

  const declined = failure && errorCode(failure) === "PAYMENT_DECLINED";
  return (
    <section aria-labelledby="checkout-heading" className="stack">
      <h1 id="checkout-heading">Checkout</h1>
      {!cart.lines.length ? (
        <p>
          Your cart is empty. <Link to="/search">Browse products</Link>.
        </p>
      ) : (
        <>
          <CartLines cart={cart} editable={false} />
          {cart.problems.length ? (
            <p className="problem">
              Your cart has problems; <Link to="/cart">fix them in the cart</Link> first.
            </p>
          ) : null}
          <fieldset>
            <legend>Ship to</legend>
            {me.addresses.map((a) => (
              <label key={a.id} className="check">
                <input type="radio" name="address" checked={chosenAddress === a.id} onChange={() => setAddressId(a.id)} />
                {a.recipient}, {a.line1}, {a.city} {a.postalCode}, {a.country}
              </label>
            ))}
            {!me.addresses.length ? <p>Add the address to ship to:</p> : null}
            <details open={!me.addresses.length}>
              <summary>Add an address</summary>
              <AddressForm
                onSaved={(id) => {
                  setAddressId(id);
                  refetch({ requestPolicy: "network-only" });
                }}
              />
            </details>
          </fieldset>
          <fieldset>
            <legend>Pay with</legend>
            {me.paymentMethods.map((m) => (
              <label key={m.id} className="check">
                <input type="radio" name="payment" checked={payment === m.id} onChange={() => setPayment(m.id)} />
                Saved {m.brand} ending {m.last4} ({m.expMonth}/{m.expYear})
              </label>
            ))}
            {TEST_CARDS.map(([token, label]) => (
              <label key={token} className="check">
                <input type="radio" name="payment" value={token} checked={payment === token} onChange={() => setPayment(token)} />
                {label} <code>{token}</code>
              </label>
            ))}
          </fieldset>
          {status ? (
            <p role="status" className="note">
              {status}
            </p>
          ) : null}
          {declined ? (
            <p className="error" role="alert" data-code="PAYMENT_DECLINED">
              Your payment was declined: {declineReason(failure!) ?? "no reason given"}. Your cart is kept; choose another card.
            </p>
          ) : (
            <ErrorNote error={failure} />
          )}
          <button type="button" className="primary" disabled={!chosenAddress || checkoutState.fetching || cart.problems.length > 0} onClick={placeOrder}>
            Place order
          </button>
        </>
      )}
    </section>
  );
}
