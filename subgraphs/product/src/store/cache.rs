//! Cache-aside in Redis for product detail and the category tree.
//!
//! Reads try Redis first and fill it on a miss; every write deletes exactly
//! the keys it affects, after the database change. Keys live under a
//! namespace (the database name), so services on different databases, such
//! as parallel tests, never see each other's entries. Without Redis every
//! read is a miss and goes to PostgreSQL.
//!
//! A reader that misses, then loads a row that a concurrent writer changes
//! and invalidates before the reader stores it, caches the old row until
//! `ttl`: the usual cache-aside race, bounded by a short TTL.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use platform::cache::Cache;
use uuid::Uuid;

use crate::domain::{Category, Product};

/// Look-ups of one cache, for the metrics endpoint.
#[derive(Debug, Default)]
pub struct CacheCounters {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
}

impl CacheCounters {
    fn count(&self, hits: usize, misses: usize) {
        self.hits.fetch_add(hits as u64, Ordering::Relaxed);
        self.misses.fetch_add(misses as u64, Ordering::Relaxed);
    }
}

/// The product service's Redis cache.
#[derive(Debug, Clone)]
pub struct ProductCache {
    cache: Cache,
    /// Key prefix: `shop:<database>:product:`.
    prefix: String,
    /// How long an entry lives at most.
    ttl: Duration,
    pub products: Arc<CacheCounters>,
    pub categories: Arc<CacheCounters>,
}

/// Bumped when the cached shape of a product or category changes, so old
/// entries are ignored rather than misread after a deploy.
const VERSION: &str = "v2";

impl ProductCache {
    pub fn new(cache: Cache, namespace: &str, ttl: Duration) -> Self {
        Self {
            cache,
            prefix: format!("shop:{namespace}:product:{VERSION}:"),
            ttl,
            products: Arc::default(),
            categories: Arc::default(),
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
        self.products.count(found.len(), ids.len() - found.len());
        found
    }

    pub async fn put_products<'a>(&self, products: impl IntoIterator<Item = &'a Product>) {
        let entries: Vec<(String, String)> = products
            .into_iter()
            .filter_map(|p| Some((self.product_key(p.id), serde_json::to_string(p).ok()?)))
            .collect();
        self.cache.set_many(&entries, self.ttl).await;
    }

    pub async fn invalidate_products(&self, ids: &[Uuid]) {
        let keys: Vec<String> = ids.iter().map(|id| self.product_key(*id)).collect();
        self.cache.delete_many(&keys).await;
    }

    /// The whole category tree, if cached.
    pub async fn get_tree(&self) -> Option<Vec<Category>> {
        let tree = self
            .cache
            .get(&self.tree_key())
            .await
            .and_then(|json| serde_json::from_str(&json).ok());
        match tree {
            Some(_) => self.categories.count(1, 0),
            None => self.categories.count(0, 1),
        }
        tree
    }

    pub async fn put_tree(&self, tree: &[Category]) {
        if let Ok(json) = serde_json::to_string(tree) {
            self.cache.set(&self.tree_key(), &json, self.ttl).await;
        }
    }

    pub async fn invalidate_tree(&self) {
        self.cache.delete(&self.tree_key()).await;
    }

    /// The counters in Prometheus' text format.
    pub fn prometheus(&self) -> String {
        let mut out = String::from(
            "# HELP product_cache_requests_total Cache look-ups by cache and result.\n\
             # TYPE product_cache_requests_total counter\n",
        );
        for (name, counters) in [("product", &self.products), ("category_tree", &self.categories)] {
            for (result, value) in [("hit", &counters.hits), ("miss", &counters.misses)] {
                out.push_str(&format!(
                    "product_cache_requests_total{{cache=\"{name}\",result=\"{result}\"}} {}\n",
                    value.load(Ordering::Relaxed)
                ));
            }
        }
        out.push_str(&format!(
            "# HELP product_cache_errors_total Failed Redis commands (each is served from PostgreSQL).\n\
             # TYPE product_cache_errors_total counter\nproduct_cache_errors_total {}\n",
            self.failures()
        ));
        out
    }
}
