// Fragments every app selects the same way.
import { graphql } from "./gql";

/** Money as `formatMoney` needs it: a decimal string and its currency. */
export const MoneyFieldsFragment = graphql(`
  fragment MoneyFields on Money {
    amount
    currency
  }
`);
