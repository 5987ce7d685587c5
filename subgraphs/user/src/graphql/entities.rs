//! The entities this subgraph refers to: `Product`, which wishlists
//! return as references the router resolves in the product subgraph.

use async_graphql::{ID, SimpleObject};

// A reference: the router fetches every other field from the product
// subgraph. The description is the owner's, so that composition finds one
// description for `Product`.
/// A product for sale.
#[derive(SimpleObject)]
#[graphql(name = "Product", unresolvable = "id")]
pub struct ProductRef {
    /// Unique id (a UUID).
    pub id: ID,
}
