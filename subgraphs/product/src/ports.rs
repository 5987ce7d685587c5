//! What the catalog use cases need from other services, as traits. The use
//! cases in [`crate::app`] see only these; [`crate::grpc::clients`]
//! implements them over gRPC, and unit tests can use in-memory fakes.

use futures::future::BoxFuture;
use uuid::Uuid;

use crate::domain::{ProductFilter, ProductSort};
use crate::store::{Facets, ListCursor, MatchCount};

/// Whether a user bought a product: the order service knows. Behind a trait
/// so the catalog stays free of gRPC.
pub trait PurchaseHistory: Send + Sync + 'static {
    /// Whether `user` bought `product` (for a verified review).
    fn has_purchased(&self, user: Uuid, product: Uuid) -> BoxFuture<'_, anyhow::Result<bool>>;
}

/// A purchase history that knows of no purchases (tests, demo data).
pub struct NoPurchases;

impl PurchaseHistory for NoPurchases {
    fn has_purchased(&self, _: Uuid, _: Uuid) -> BoxFuture<'_, anyhow::Result<bool>> {
        Box::pin(async { Ok(false) })
    }
}

/// A search engine over the catalog: answers searches, counts and facets
/// from an index instead of PostgreSQL. Each method answers `None` when it
/// cannot (a filter on attributes, which the index does not hold; the
/// best-selling order, whose key changes at every sale; its own writes not
/// yet indexed), and
/// the catalog asks PostgreSQL instead. [`crate::store::SearchIndex`] is the
/// one in use.
pub trait SearchEngine: Send + Sync + 'static {
    /// Products changed on this replica: the index reads them now, and the
    /// next search here waits for that.
    fn changed(&self);

    /// Up to `limit` products `filter` matches in `sort` order after
    /// `after`, each with its cursor key (the key PostgreSQL's page would
    /// give it, so a cursor from either continues in the other), and how
    /// many match; with `facets`, the facets over every match too, from
    /// the same pass.
    fn page<'a>(
        self: std::sync::Arc<Self>,
        filter: &'a ProductFilter,
        sort: ProductSort,
        after: Option<&'a ListCursor>,
        limit: usize,
        facets: bool,
    ) -> BoxFuture<'a, anyhow::Result<Option<IndexPage>>>;

    /// How many products `filter` matches.
    fn count<'a>(
        self: std::sync::Arc<Self>,
        filter: &'a ProductFilter,
    ) -> BoxFuture<'a, anyhow::Result<Option<MatchCount>>>;

    /// Category, brand and price facets over every product `filter` matches.
    fn facets<'a>(
        self: std::sync::Arc<Self>,
        filter: &'a ProductFilter,
    ) -> BoxFuture<'a, anyhow::Result<Option<Facets>>>;

    /// What a search for `text` was read as when it needed the typo
    /// tolerance (`Some(None)`: as written, or nothing matched).
    fn correction<'a>(
        self: std::sync::Arc<Self>,
        text: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<Option<String>>>>;
}

/// A page of a search, as an engine found it.
#[derive(Debug, Clone)]
pub struct IndexPage {
    /// The products, best first, each with its cursor key.
    pub hits: Vec<(Uuid, String)>,
    /// How many products match.
    pub count: MatchCount,
    /// The facets over every match, when they were asked for.
    pub facets: Option<Facets>,
}
