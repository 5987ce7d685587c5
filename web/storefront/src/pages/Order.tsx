// One order: lines and totals, the timeline, shipment tracking, the
// invoice PDF, cancelling, and asking to return items.
import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, loadSession, Money, useSession } from "@shop/shared";
import { CancelOrderDocument, OrderDocument, RequestReturnDocument } from "../operations";
import { SignInFirst } from "../App";
import { Totals } from "../components";

const CANCELLABLE = ["PENDING_PAYMENT", "PAID", "FULFILLING"];
const RETURNABLE = ["DELIVERED", "COMPLETED"];

/** Fetches the PDF with the bearer token (the link needs it) and saves it. */
async function downloadInvoice(path: string, number: string): Promise<string | undefined> {
  const session = loadSession();
  const answer = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
  if (!answer.ok) {
    const body = await answer.json().catch(() => null);
    return body?.errors?.[0]?.message ?? `the invoice could not be downloaded (${answer.status})`;
  }
  const url = URL.createObjectURL(await answer.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `invoice-${number}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function OrderPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const [{ data, error }, refetch] = useQuery({ query: OrderDocument, variables: { id }, pause: !session, requestPolicy: "cache-and-network" });
  const [cancelled, cancel] = useMutation(CancelOrderDocument);
  const [returned, requestReturn] = useMutation(RequestReturnDocument);
  const [returnQty, setReturnQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState("");
  const [invoiceError, setInvoiceError] = useState<string>();
  if (!session) return <SignInFirst what="Your order" />;
  if (error) return <ErrorNote error={error} />;
  const order = data?.order;
  if (!order) return <p aria-busy="true">Loading…</p>;
  const reload = () => refetch({ requestPolicy: "network-only" });

  async function submitReturn(e: FormEvent) {
    e.preventDefault();
    const lines = Object.entries(returnQty)
      .filter(([, q]) => q > 0)
      .map(([productId, quantity]) => ({ productId, quantity }));
    const r = await requestReturn({ input: { orderId: order!.id, lines, reason } });
    if (r.data) reload();
  }

  return (
    <article className="stack" aria-labelledby="order-heading">
      <h1 id="order-heading">Order {order.id.slice(0, 8)}</h1>
      {params.get("placed") && order.status === "PAID" ? (
        <p className="note" role="status">
          Thank you! Your order is placed and paid.
        </p>
      ) : null}
      <p>
        Status: <strong data-testid="order-status">{humanize(order.status)}</strong> · placed {formatDate(order.createdAt)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.product.id}>
              <td>
                <Link to={`/products/${l.product.id}`}>{l.productName}</Link>
              </td>
              <td>{l.quantity}</td>
              <td>
                <Money value={l.unitPrice} />
              </td>
              <td>
                <Money value={l.lineTotal} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Totals
        rows={[
          ["Subtotal", order.subtotal],
          ["Shipping", order.shippingCost],
          [`Tax (${order.taxRatePercent}%)`, order.tax],
          ["Total", order.total],
        ]}
      />
      {order.shippingAddress ? (
        <section aria-labelledby="ship-to">
          <h2 id="ship-to">Shipping to</h2>
          <address>
            {order.shippingAddress.recipient}, {order.shippingAddress.line1}
            {order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ""}, {order.shippingAddress.city} {order.shippingAddress.postalCode},{" "}
            {order.shippingAddress.country}
          </address>
        </section>
      ) : null}
      {order.invoice ? (
        <section aria-labelledby="invoice">
          <h2 id="invoice">Invoice</h2>
          <p>
            Invoice <span data-testid="invoice-number">{order.invoice.number}</span>{" "}
            <button type="button" onClick={async () => setInvoiceError(await downloadInvoice(order.invoice!.pdfPath, order.invoice!.number))}>
              Download invoice (PDF)
            </button>
          </p>
          {invoiceError ? <p className="error">{invoiceError}</p> : null}
        </section>
      ) : null}
      {order.shipment ? (
        <section aria-labelledby="tracking">
          <h2 id="tracking">Shipment</h2>
          <p>
            {order.shipment.carrier} tracking number <strong data-testid="tracking-number">{order.shipment.trackingNumber}</strong> ·{" "}
            {humanize(order.shipment.status)}, shipped {formatDate(order.shipment.shippedAt)}
            {order.shipment.deliveredAt ? `, delivered ${formatDate(order.shipment.deliveredAt)}` : ""}
          </p>
          <ol className="timeline">
            {order.shipment.events.map((e) => (
              <li key={e.at + e.status}>
                {formatDate(e.at)}: {e.description}
                {e.location ? ` (${e.location})` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol className="timeline">
          {order.timeline.map((e) => (
            <li key={e.at + e.status}>
              <strong>{humanize(e.status)}</strong> {formatDate(e.at)} <span className="muted">({humanize(e.actorKind)})</span>
              {e.note ? ` ${e.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
      {order.payments.length ? (
        <section aria-labelledby="payments">
          <h2 id="payments">Payments</h2>
          <ul>
            {order.payments.map((p) => (
              <li key={p.id} data-testid="payment">
                {p.cardBrand} ending {p.cardLast4}: <Money value={p.amount} /> {humanize(p.status)}
                {p.failureReason ? ` (${humanize(p.failureReason)})` : ""}
              </li>
            ))}
            {order.refunds.map((r) => (
              <li key={r.id}>
                Refund <Money value={r.amount} /> {humanize(r.status)}: {r.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {order.returns.length ? (
        <section aria-labelledby="returns">
          <h2 id="returns">Returns</h2>
          <ul>
            {order.returns.map((r) => (
              <li key={r.id}>
                {humanize(r.status)}: {r.reason} ({formatDate(r.createdAt)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ErrorNote error={cancelled.error ?? returned.error} />
      {CANCELLABLE.includes(order.status) ? (
        <button type="button" onClick={() => cancel({ orderId: order.id, reason: "cancelled by the customer" }).then(reload)}>
          Cancel order
        </button>
      ) : null}
      {RETURNABLE.includes(order.status) ? (
        <form onSubmit={submitReturn} className="stack" aria-labelledby="return-heading">
          <h2 id="return-heading">Return items</h2>
          {order.lines.map((l) => (
            <label key={l.product.id}>
              {l.productName}: return{" "}
              <input
                type="number"
                min={0}
                max={l.quantity}
                value={returnQty[l.product.id] ?? 0}
                onChange={(e) => setReturnQty({ ...returnQty, [l.product.id]: Number(e.target.value) })}
              />{" "}
              of {l.quantity}
            </label>
          ))}
          <label>
            Reason <input required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit">Request return</button>
        </form>
      ) : null}
    </article>
  );
}
