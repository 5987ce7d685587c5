export * from "./auth";
export * from "./errors";
export * from "./money";
export * from "./react";
export { graphql } from "./gql";
