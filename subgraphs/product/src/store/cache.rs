//! Cache-aside in Redis for product detail and the category tree.
//!
//! Reads try Redis first and fill it on a miss; every write deletes exactly
//! the keys it affects, after the database change. Keys live under a
//! namespace (the database name), so services on different databases, such
//! as parallel tests, never see each other's entries. Without Redis every
//! read is a miss and goes to PostgreSQL.
//!
//! An invalidation that Redis does not confirm (Redis down or cut off) is
//! remembered, and the cache is neither read nor filled until those keys
//! have been deleted: when Redis comes back it never serves what a write
//! made stale meanwhile.
//!
//! A reader that misses, then loads a row that a concurrent writer changes
//! and invalidates before the reader stores it, caches the old row until
//! `ttl`: the usual cache-aside race, bounded by a short TTL.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use platform::cache::Cache;
use platform::metrics::{CacheCounters, Metrics};
use uuid::Uuid;

use crate::domain::{Category, Product};

/// The product service's Redis cache.
#[derive(Debug, Clone)]
pub struct ProductCache {
    cache: Cache,
    /// Key prefix: `shop:<database>:product:`.
    prefix: String,
    /// How long an entry lives at most.
    ttl: Duration,
    /// Hits and misses of product reads (`cache="product"` on `/metrics`).
    pub products: CacheCounters,
    /// Hits and misses of the category tree (`cache="category_tree"`).
    pub categories: CacheCounters,
    /// Keys whose invalidation Redis has not confirmed yet.
    pending: Arc<Mutex<BTreeSet<String>>>,
}

/// Bumped when the cached shape of a product or category changes, so old
/// entries are ignored rather than misread after a deploy.
const VERSION: &str = "v2";

impl ProductCache {
    /// A cache in `cache`, keyed under `namespace`, with entries living `ttl`.
    pub fn new(cache: Cache, namespace: &str, ttl: Duration) -> Self {
        Self {
            cache,
            prefix: format!("shop:{namespace}:product:{VERSION}:"),
            ttl,
            products: CacheCounters::default(),
            categories: CacheCounters::default(),
            pending: Arc::default(),
        }
    }

    /// The same cache, counting its look-ups in `metrics`.
    pub fn observed_by(self, metrics: &Metrics) -> Self {
        Self {
            products: metrics.cache("product"),
            categories: metrics.cache("category_tree"),
            ..self
        }
    }

    /// Whether the cache may be used now: true once every invalidation that
    /// failed earlier has been applied.
    async fn trustworthy(&self) -> bool {
        let keys: Vec<String> = match self.pending.lock() {
            Ok(pending) if pending.is_empty() => return true,
            // Retry only once the failure has cooled off, not on every read.
            Ok(_) if self.cache.is_bypassed() => return false,
            Ok(pending) => pending.iter().cloned().collect(),
            Err(_) => return false,
        };
        if !self.cache.delete_many(&keys).await {
            return false;
        }
        if let Ok(mut pending) = self.pending.lock() {
            for key in &keys {
                pending.remove(key);
            }
            pending.is_empty()
        } else {
            false
        }
    }

    async fn invalidate(&self, keys: Vec<String>) {
        if !self.cache.delete_many(&keys).await
            && let Ok(mut pending) = self.pending.lock()
        {
            pending.extend(keys);
        }
    }

    /// A cache that stores nothing.
    pub fn disabled() -> Self {
        Self::new(Cache::disabled(), "none", Duration::from_secs(1))
    }

    /// Failed Redis commands since start.
    pub fn failures(&self) -> u64 {
        self.cache.failure_count()
    }

    fn product_key(&self, id: Uuid) -> String {
        format!("{}p:{id}", self.prefix)
    }

    fn tree_key(&self) -> String {
        format!("{}category-tree", self.prefix)
    }

    /// The cached products among `ids` (one MGET).
    pub async fn get_products(&self, ids: &[Uuid]) -> HashMap<Uuid, Product> {
        if !self.trustworthy().await {
            self.products.record(0, ids.len());
            return HashMap::new();
        }
        let keys: Vec<String> = ids.iter().map(|id| self.product_key(*id)).collect();
        let found: HashMap<Uuid, Product> = self
            .cache
            .get_many(&keys)
            .await
            .into_iter()
            .flatten()
            .filter_map(|json| serde_json::from_str::<Product>(&json).ok())
            .map(|p| (p.id, p))
            .collect();
        self.products.record(found.len(), ids.len() - found.len());
        found
    }

    /// Stores products (a failure is only counted).
    pub async fn put_products<'a>(&self, products: impl IntoIterator<Item = &'a Product>) {
        if !self.trustworthy().await {
            return;
        }
        let entries: Vec<(String, String)> = products
            .into_iter()
            .filter_map(|p| Some((self.product_key(p.id), serde_json::to_string(p).ok()?)))
            .collect();
        self.cache.set_many(&entries, self.ttl).await;
    }

    /// Drops products from the cache; an unconfirmed drop is retried.
    pub async fn invalidate_products(&self, ids: &[Uuid]) {
        self.invalidate(ids.iter().map(|id| self.product_key(*id)).collect())
            .await;
    }

    /// The whole category tree, if cached.
    pub async fn get_tree(&self) -> Option<Vec<Category>> {
        let tree = if self.trustworthy().await {
            self.cache
                .get(&self.tree_key())
                .await
                .and_then(|json| serde_json::from_str(&json).ok())
        } else {
            None
        };
        match tree {
            Some(_) => self.categories.record(1, 0),
            None => self.categories.record(0, 1),
        }
        tree
    }

    /// Stores the category tree.
    pub async fn put_tree(&self, tree: &[Category]) {
        if !self.trustworthy().await {
            return;
        }
        if let Ok(json) = serde_json::to_string(tree) {
            self.cache.set(&self.tree_key(), &json, self.ttl).await;
        }
    }

    /// Drops the category tree from the cache.
    pub async fn invalidate_tree(&self) {
        self.invalidate(vec![self.tree_key()]).await;
    }
}
