//! The entities this subgraph refers to: `Product`, which wishlists
//! return as references the router resolves in the product subgraph.

use async_graphql::{ID, SimpleObject};

/// A reference to a product of the product subgraph; the router fetches its
/// other fields from there.
#[derive(SimpleObject)]
#[graphql(name = "Product", unresolvable = "id")]
pub struct ProductRef {
    /// Unique id (a UUID).
    pub id: ID,
}
