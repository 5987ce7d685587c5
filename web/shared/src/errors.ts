// The API's error codes (`extensions.code`, the same on every subgraph) and
// what a person should read for each.
import type { CombinedError } from "urql";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "INSUFFICIENT_STOCK"
  | "PAYMENT_DECLINED"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

const FALLBACK: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in again.",
  FORBIDDEN: "You are not allowed to do that.",
  NOT_FOUND: "It could not be found.",
  BAD_USER_INPUT: "Please check what you entered.",
  CONFLICT: "That changed meanwhile; please try again.",
  INSUFFICIENT_STOCK: "Not enough in stock.",
  PAYMENT_DECLINED: "The payment was declined.",
  RATE_LIMITED: "Too many attempts; please wait a moment.",
  UNAVAILABLE: "The shop is briefly unavailable; please try again.",
  INTERNAL: "Something went wrong on our side.",
};

/** The first error's code, or UNAVAILABLE for a network failure. */
export function errorCode(error: CombinedError | undefined | null): ErrorCode | undefined {
  if (!error) return undefined;
  if (error.networkError) return "UNAVAILABLE";
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === "string" && code in FALLBACK ? (code as ErrorCode) : "INTERNAL";
}

/** What to show: the API's own message for input and payment problems (they
 * name the field or the decline reason), a plain sentence otherwise. */
export function errorMessage(error: CombinedError | undefined | null): string | undefined {
  const code = errorCode(error);
  if (!code || !error) return undefined;
  const message = error.graphQLErrors[0]?.message;
  const specific: ErrorCode[] = ["BAD_USER_INPUT", "PAYMENT_DECLINED", "INSUFFICIENT_STOCK", "CONFLICT", "FORBIDDEN", "NOT_FOUND"];
  return specific.includes(code) && message ? message : FALLBACK[code];
}
