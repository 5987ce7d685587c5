// Orders with filters (status, dates, customer), and one order's
// fulfilment (fulfilling, shipped with tracking, delivered), refunds and
// returns (approve, reject, receive).
import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, Money, Pager } from "@shop/shared";
import type { OrderStatus } from "@shop/shared/src/gql/graphql";
import {
  AdminOrderDocument,
  AdminOrdersDocument,
  ApproveReturnDocument,
  MarkDeliveredDocument,
  MarkFulfillingDocument,
  ReceiveReturnDocument,
  RefundOrderDocument,
  RejectReturnDocument,
  ShipOrderDocument,
} from "../operations";

const STATUSES: OrderStatus[] = [
  "PENDING_PAYMENT",
  "PAID",
  "PAYMENT_FAILED",
  "FULFILLING",
  "SHIPPED",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
  "RETURN_REQUESTED",
  "RETURNED",
  "REFUNDED",
];

export function Orders() {
  const [params, setParams] = useSearchParams();
  const [after, setAfter] = useState<string[]>([]);
  const status = params.getAll("status") as OrderStatus[];
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const customerId = params.get("customer") ?? "";
  const filter = {
    status: status.length ? status : null,
    customerId: customerId || null,
    dateRange: from || to ? { from: from ? new Date(from).toISOString() : null, to: to ? new Date(to + "T23:59:59").toISOString() : null } : null,
  };
  const [{ data, error }] = useQuery({ query: AdminOrdersDocument, variables: { filter, after: after[after.length - 1] }, requestPolicy: "cache-and-network" });
  const update = (change: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setAfter([]);
    setParams(next);
  };
  return (
    <div className="stack">
      <h1>Orders</h1>
      <fieldset>
        <legend>Filters</legend>
        <div className="inline-form">
          {STATUSES.map((s) => (
            <label key={s} className="check" style={{ display: "inline-block" }}>
              <input
                type="checkbox"
                checked={status.includes(s)}
                onChange={(e) =>
                  update((p) => {
                    p.delete("status");
                    (e.target.checked ? [...status, s] : status.filter((x) => x !== s)).forEach((x) => p.append("status", x));
                  })
                }
              />
              {humanize(s)}
            </label>
          ))}
        </div>
        <div className="inline-form">
          <label>
            From <input type="date" value={from} onChange={(e) => update((p) => (e.target.value ? p.set("from", e.target.value) : p.delete("from")))} />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => update((p) => (e.target.value ? p.set("to", e.target.value) : p.delete("to")))} />
          </label>
          <label>
            Customer id <input value={customerId} onChange={(e) => update((p) => (e.target.value ? p.set("customer", e.target.value) : p.delete("customer")))} />
          </label>
        </div>
      </fieldset>
      <ErrorNote error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Customer</th>
            <th scope="col">Items</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {data?.orders.nodes.map((o) => (
            <tr key={o.id} data-order-id={o.id}>
              <td>
                <Link to={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link>
              </td>
              <td>{formatDate(o.createdAt)}</td>
              <td>
                {o.customer.name} <span className="muted">{o.customer.email}</span>
              </td>
              <td>{o.lines.reduce((n, l) => n + l.quantity, 0)}</td>
              <td>{humanize(o.status)}</td>
              <td>
                <Money value={o.total} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.orders.nodes.length ? <p>No orders match.</p> : null}
      <Pager after={after} setAfter={setAfter} pageInfo={data?.orders.pageInfo} />
    </div>
  );
}

export function OrderDetail() {
  const { id = "" } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: AdminOrderDocument, variables: { id }, requestPolicy: "network-only" });
  const [fulfilling, markFulfilling] = useMutation(MarkFulfillingDocument);
  const [shipped, ship] = useMutation(ShipOrderDocument);
  const [delivered, markDelivered] = useMutation(MarkDeliveredDocument);
  const [refunded, refund] = useMutation(RefundOrderDocument);
  const [approved, approve] = useMutation(ApproveReturnDocument);
  const [rejected, reject] = useMutation(RejectReturnDocument);
  const [received, receive] = useMutation(ReceiveReturnDocument);
  const [carrier, setCarrier] = useState("UPS");
  const [tracking, setTracking] = useState("");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [rejectNote, setRejectNote] = useState("");
  const [receiveAmount, setReceiveAmount] = useState("");
  if (error) return <ErrorNote error={error} />;
  const order = data?.order;
  if (!order) return <p aria-busy="true">Loading…</p>;
  const reload = () => refetch({ requestPolicy: "network-only" });
  const act = (p: Promise<unknown>) => p.then(reload);

  function submitShip(e: FormEvent) {
    e.preventDefault();
    act(ship({ orderId: order!.id, carrier, trackingNumber: tracking }));
  }
  function submitRefund(e: FormEvent) {
    e.preventDefault();
    act(refund({ orderId: order!.id, amount, reason }));
  }

  return (
    <article className="stack">
      <h1>Order {order.id.slice(0, 8)}</h1>
      <p>
        Status: <strong data-testid="admin-order-status">{humanize(order.status)}</strong> · {formatDate(order.createdAt)} · {order.customer.name} (
        {order.customer.email}) · <Money value={order.total} />
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">SKU</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.product.id}>
              <td>
                <Link to={`/products/${l.product.id}`}>{l.productName}</Link>
              </td>
              <td>{l.sku}</td>
              <td>{l.quantity}</td>
              <td>
                <Money value={l.lineTotal} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.shippingAddress ? (
        <address>
          {order.shippingAddress.recipient}, {order.shippingAddress.line1}
          {order.shippingAddress.line2 ? `, ${order.shippingAddress.line2}` : ""}, {order.shippingAddress.city} {order.shippingAddress.postalCode},{" "}
          {order.shippingAddress.country}
        </address>
      ) : null}
      <section aria-labelledby="fulfilment" className="stack">
        <h2 id="fulfilment">Fulfilment</h2>
        <ErrorNote error={fulfilling.error ?? shipped.error ?? delivered.error} />
        {order.status === "PAID" ? (
          <button type="button" onClick={() => act(markFulfilling({ orderId: order.id }))}>
            Start fulfilling
          </button>
        ) : null}
        {order.status === "PAID" || order.status === "FULFILLING" ? (
          <form onSubmit={submitShip} className="inline-form" aria-label="Ship">
            <label>
              Carrier <input required value={carrier} onChange={(e) => setCarrier(e.target.value)} />
            </label>
            <label>
              Tracking number <input required value={tracking} onChange={(e) => setTracking(e.target.value)} />
            </label>
            <button type="submit" className="primary">
              Ship
            </button>
          </form>
        ) : null}
        {order.shipment ? (
          <p>
            {order.shipment.carrier} {order.shipment.trackingNumber}: {humanize(order.shipment.status)}
          </p>
        ) : null}
        {order.status === "SHIPPED" ? (
          <button type="button" onClick={() => act(markDelivered({ orderId: order.id }))}>
            Mark delivered
          </button>
        ) : null}
      </section>
      <section aria-labelledby="payments" className="stack">
        <h2 id="payments">Payments and refunds</h2>
        <ul>
          {order.payments.map((p) => (
            <li key={p.id}>
              {p.cardBrand} {p.cardLast4}: <Money value={p.amount} /> {humanize(p.status)}
              {p.failureReason ? ` (${p.failureReason})` : ""}
            </li>
          ))}
          {order.refunds.map((r) => (
            <li key={r.id}>
              Refund <Money value={r.amount} /> {humanize(r.status)}: {r.reason} ({formatDate(r.createdAt)})
            </li>
          ))}
        </ul>
        {order.payments.some((p) => p.status === "CAPTURED") ? (
          <form onSubmit={submitRefund} className="inline-form" aria-label="Refund">
            <label>
              Amount ({order.total.currency}) <input required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
            <label>
              Reason <input required value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit">Refund</button>
          </form>
        ) : null}
        <ErrorNote error={refunded.error} />
      </section>
      <section aria-labelledby="returns" className="stack">
        <h2 id="returns">Returns</h2>
        <ErrorNote error={approved.error ?? rejected.error ?? received.error} />
        {!order.returns.length ? <p>No return requests.</p> : null}
        {order.returns.map((r) => (
          <div key={r.id} className="stack">
            <p>
              {humanize(r.status)}: {r.reason} ({formatDate(r.createdAt)}): {r.lines.map((l) => `${l.quantity} × ${l.product.id.slice(0, 8)}`).join(", ")}
            </p>
            {r.status === "REQUESTED" ? (
              <div className="inline-form">
                <button type="button" onClick={() => act(approve({ returnId: r.id }))}>
                  Approve return
                </button>
                <label>
                  Rejection note <input value={rejectNote} onChange={(e) => setRejectNote(e.target.value)} />
                </label>
                <button type="button" disabled={!rejectNote} onClick={() => act(reject({ returnId: r.id, note: rejectNote }))}>
                  Reject return
                </button>
              </div>
            ) : null}
            {r.status === "APPROVED" ? (
              <div className="inline-form">
                <label>
                  Refund amount (empty: the returned lines) <input inputMode="decimal" value={receiveAmount} onChange={(e) => setReceiveAmount(e.target.value)} />
                </label>
                <button type="button" onClick={() => act(receive({ returnId: r.id, refundAmount: receiveAmount || null }))}>
                  Mark received and refund
                </button>
              </div>
            ) : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol className="timeline">
          {order.timeline.map((e) => (
            <li key={e.at + e.status}>
              <strong>{humanize(e.status)}</strong> {formatDate(e.at)} ({humanize(e.actorKind)}) {e.note}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
