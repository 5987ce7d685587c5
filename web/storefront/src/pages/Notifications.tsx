import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, useSession } from "@shop/shared";
import { MarkAllReadDocument, NotificationsDocument } from "../operations";
import { SignInFirst } from "../App";

export default function Notifications() {
  const session = useSession();
  const [{ data, error }, refetch] = useQuery({ query: NotificationsDocument, pause: !session, requestPolicy: "network-only" });
  const [marked, markAll] = useMutation(MarkAllReadDocument);
  if (!session) return <SignInFirst what="Notifications" />;
  const list = data?.me.notifications.nodes ?? [];
  return (
    <section aria-labelledby="notifications-heading">
      <h1 id="notifications-heading">Notifications</h1>
      <ErrorNote error={error ?? marked.error} />
      {data?.me.unreadNotificationCount ? (
        <button type="button" onClick={() => markAll({}).then(() => refetch({ requestPolicy: "network-only" }))}>
          Mark all {data.me.unreadNotificationCount} as read
        </button>
      ) : null}
      {data && !list.length ? <p>No notifications yet.</p> : null}
      <ul className="notifications">
        {list.map((n) => (
          <li key={n.id} className={n.read ? "" : "unread"}>
            <strong>{n.title}</strong> <span className="muted">{humanize(n.category)} · {formatDate(n.createdAt)}</span>
            <p>{n.body}</p>
            {n.link ? <a href={inApp(n.link)}>Open</a> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A link of ours as a path on this origin (the service writes absolute ones). */
function inApp(link: string): string {
  const url = new URL(link, location.origin);
  return url.pathname + url.search;
}
