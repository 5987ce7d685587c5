// Staff alerts (low stock, from the notification service) and the orders
// that wait for someone.
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { ErrorNote, formatDate } from "@shop/shared";
import { AdminOrdersDocument, StaffAlertsDocument } from "../operations";

export function Dashboard() {
  const [alerts] = useQuery({ query: StaffAlertsDocument, requestPolicy: "cache-and-network" });
  const [waiting] = useQuery({ query: AdminOrdersDocument, variables: { filter: { status: ["PAID", "FULFILLING", "RETURN_REQUESTED"] } } });
  const lowStock = alerts.data?.me.notifications.nodes.filter((n) => n.category === "STAFF_ALERTS") ?? [];
  return (
    <div className="stack">
      <h1>Dashboard</h1>
      <section aria-labelledby="alerts">
        <h2 id="alerts">Low-stock alerts</h2>
        <ErrorNote error={alerts.error} />
        {alerts.data && !lowStock.length ? <p>No alerts.</p> : null}
        <ul className="notifications">
          {lowStock.map((n) => (
            <li key={n.id} className={n.read ? "" : "unread"}>
              <strong>{n.title}</strong> <span className="muted">{formatDate(n.createdAt)}</span>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="waiting">
        <h2 id="waiting">Orders waiting for staff</h2>
        <ErrorNote error={waiting.error} />
        <p>
          {waiting.data ? `${waiting.data.orders.nodes.length}${waiting.data.orders.pageInfo.hasNextPage ? "+" : ""} orders are paid, in fulfilment or have a return request.` : ""}{" "}
          <Link to="/orders?status=PAID">Fulfil paid orders</Link>
        </p>
      </section>
    </div>
  );
}
