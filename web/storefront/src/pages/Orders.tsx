import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { ErrorNote, formatDate, humanize, Money, useSession } from "@shop/shared";
import { OrdersDocument } from "../operations";
import { SignInFirst } from "../App";

export default function Orders() {
  const session = useSession();
  const [after, setAfter] = useState<string>();
  const [{ data, error }] = useQuery({ query: OrdersDocument, variables: { after }, pause: !session, requestPolicy: "cache-and-network" });
  if (!session) return <SignInFirst what="Your orders" />;
  const orders = data?.me.orders;
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Your orders</h1>
      <ErrorNote error={error} />
      {orders && !orders.nodes.length ? <p>No orders yet.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Items</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {orders?.nodes.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/orders/${o.id}`}>{o.id.slice(0, 8)}</Link>
              </td>
              <td>{formatDate(o.createdAt)}</td>
              <td>{o.lines.map((l) => `${l.quantity} × ${l.productName}`).join(", ")}</td>
              <td>{humanize(o.status)}</td>
              <td>
                <Money value={o.total} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders?.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(orders.pageInfo.endCursor ?? undefined)}>
          Older orders
        </button>
      ) : null}
    </section>
  );
}
