import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, useSession } from "@shop/shared";
import { MarkAllReadDocument, NotificationsDocument, PreferencesDocument, UpdatePreferenceDocument } from "../operations";
import { SignInFirst } from "../App";

/** Which channels each category uses (the service decides what a category
 * may turn off: account messages always arrive, say). */
function Preferences() {
  const [{ data, error }, refetch] = useQuery({ query: PreferencesDocument });
  const [updated, update] = useMutation(UpdatePreferenceDocument);
  const channels = [
    ["email", "Email"],
    ["sms", "Text message"],
    ["inApp", "In the shop"],
  ] as const;
  return (
    <section aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">How we tell you</h2>
      <ErrorNote error={error ?? updated.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Category</th>
            {channels.map(([, label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data?.me.notificationPreferences.map((p) => (
            <tr key={p.category}>
              <th scope="row">{humanize(p.category)}</th>
              {channels.map(([key, label]) => (
                <td key={key}>
                  <input
                    type="checkbox"
                    aria-label={`${label} for ${humanize(p.category)}`}
                    checked={p[key]}
                    onChange={(e) => update({ category: p.category.toLowerCase(), [key]: e.target.checked }).then(() => refetch({ requestPolicy: "network-only" }))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

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
        <button type="button" onClick={() => markAll({}, { additionalTypenames: ["User"] }).then(() => refetch({ requestPolicy: "network-only" }))}>
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
      <Preferences />
    </section>
  );
}

/** A link of ours as a path on this origin (the service writes absolute ones). */
function inApp(link: string): string {
  const url = new URL(link, location.origin);
  return url.pathname + url.search;
}
