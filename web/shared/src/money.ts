// Money as the API sends it (`Money { amount currency }`, amount a decimal
// string in the currency's major unit), formatted for people.
import type { Money } from "./gql/graphql";

/** "$1,234.50", "¥1,200", "1.234,50 €" (by locale). Never goes through a float. */
export function formatMoney(money: Pick<Money, "amount" | "currency"> | null | undefined, locale?: string): string {
  if (!money) return "—";
  const [whole, fraction = ""] = money.amount.replace(/^-/, "").split(".");
  const negative = money.amount.startsWith("-");
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Format the integer part, then put the exact fraction digits back.
  const parts = format.formatToParts(negative ? -Number(whole) : Number(whole));
  return parts
    .map((p) => (p.type === "fraction" ? fraction.padEnd(digits, "0").slice(0, digits) : p.value))
    .join("");
}
