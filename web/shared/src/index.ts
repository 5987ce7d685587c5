export * from "./auth";
export * from "./errors";
export * from "./money";
export { graphql } from "./gql";
