// React pieces every app uses: the session as state, the error line, money.
import { useEffect, useState, type ReactNode } from "react";
import type { CombinedError } from "urql";
import { loadSession, onSessionChange, type Session } from "./auth";
import { errorCode, errorMessage } from "./errors";
import { formatMoney } from "./money";
import type { Money as MoneyValue } from "./gql/graphql";

/** The current session, re-rendered when it changes (login, refresh, logout). */
export function useSession(): Session | null {
  const [session, setSession] = useState(loadSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

/** The API's error for a person, with its code for tests and support. */
export function ErrorNote({ error, children }: { error?: CombinedError | null; children?: ReactNode }) {
  const message = errorMessage(error) ?? children;
  if (!message) return null;
  return (
    <p className="error" role="alert" data-code={errorCode(error)}>
      {message}
    </p>
  );
}

export function Money({ value }: { value: Pick<MoneyValue, "amount" | "currency"> | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}

/** "3 Dec 2026, 10:04" in the browser's locale. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A SCREAMING_CASE enum value for people: "RETURN_REQUESTED" → "Return requested". */
export function humanize(value: string): string {
  const text = value.toLowerCase().replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Previous and next page of a cursor connection. `after` is the stack of
 * cursors that led to this page (empty on the first). */
export function Pager({
  after,
  setAfter,
  pageInfo,
  className = "inline-form",
}: {
  after: string[];
  setAfter: (after: string[]) => void;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
  className?: string;
}) {
  return (
    <div className={className}>
      {after.length ? (
        <button type="button" onClick={() => setAfter(after.slice(0, -1))}>
          Previous page
        </button>
      ) : null}
      {pageInfo?.hasNextPage && pageInfo.endCursor ? (
        <button type="button" onClick={() => setAfter([...after, pageInfo.endCursor!])}>
          Next page
        </button>
      ) : null}
    </div>
  );
}
