//! Product listings: filters, sorts, keyset pages, counts and facets.
//!
//! Every query starts from the same `matched` common table expression, so
//! the page, `totalCount` and the facets always agree. Pages use keyset
//! pagination on `(sort key, id)`: a cursor names the last row seen, which
//! stays a valid place in the order however many rows are inserted.
//!
//! The cost of each statement follows the page, not the catalog: searches
//! use their GIN indexes, pages walk the sort key's index and stop after
//! the page, `totalCount` stops counting at [`COUNT_LIMIT`] and facets are
//! counted over at most [`FACET_LIMIT`] matches. The plans are held by a
//! test on a catalog of 100,000 products (`tests/api/scale.rs`).
//!
//! The three listing statements are never kept as prepared statements
//! (`persistent(false)`): each is planned for its own parameters. A kept
//! statement switches to a generic plan after five runs, and the generic
//! plan cannot know how small a category or how high a price floor is: for
//! a leaf category above $149 it walked the whole price index, 745 ms at
//! 100,000 products where the custom plan takes 0.1 ms. Planning each time
//! costs a fraction of a millisecond.

use base64::Engine;
use platform::money::{THREE_DECIMAL_CURRENCIES, ZERO_DECIMAL_CURRENCIES};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{COLUMNS, ProductRow, ProductStore, products};
use crate::domain::PRICE_BUCKET_BOUNDS;
use crate::domain::{Product, ProductFilter, ProductSort, SortDirection};
use crate::error::{Error, Result};

/// Least trigram word similarity for the misspelling fallback. "hedphones"
/// scores 0.62 against "headphones"; unrelated words stay under 0.3.
const FUZZY_THRESHOLD: f64 = 0.4;

/// [`FUZZY_THRESHOLD`] as the `pg_trgm.word_similarity_threshold` setting,
/// which decides what the trigram index returns for `%>`.
pub(super) const FUZZY_THRESHOLD_SETTING: &str = "0.4";

/// A place in a listing: the sort key of the last row seen (a decimal, as
/// PostgreSQL prints it) and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListCursor {
    /// The order the cursor belongs to.
    pub sort: ProductSort,
    /// The sort key of the last product seen.
    pub key: String,
    /// The id of the last product seen.
    pub id: Uuid,
}

impl ListCursor {
    /// A cursor, if `key` is a plain decimal number (what the store wrote).
    pub fn new(sort: ProductSort, key: &str, id: Uuid) -> Option<Self> {
        let digits = key.strip_prefix('-').unwrap_or(key);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (key.len() <= 40 && plain(whole) && plain(fraction)).then(|| Self {
            sort,
            key: key.to_string(),
            id,
        })
    }

    /// The opaque form clients see (a GraphQL cursor, a gRPC page token):
    /// base64 of a versioned position.
    pub fn encode(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(
            "{CURSOR_VERSION}:{}:{}:{}",
            self.sort.as_str(),
            self.key,
            self.id
        ))
    }

    /// The inverse of [`encode`](Self::encode); `None` for anything else.
    pub fn decode(cursor: &str) -> Option<Self> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.splitn(4, ':');
        let (Some(CURSOR_VERSION), Some(sort), Some(key), Some(id)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Self::new(ProductSort::parse(sort)?, key, Uuid::parse_str(id).ok()?)
    }
}

const CURSOR_VERSION: &str = "p2";

/// Facet counts over what a filter matches (up to [`FACET_LIMIT`] products).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Whether the counts cover every match; when false they cover the
    /// first [`FACET_LIMIT`] and each is a lower bound.
    pub complete: bool,
    /// How many products the filter matches, counted up to
    /// [`FACET_LIMIT`] + 1 (the statement stops there).
    pub matched: i64,
    /// `(category, products in it or below it)`, most first.
    pub categories: Vec<(Uuid, i64)>,
    /// `(brand, products)`, most first, at most 50.
    pub brands: Vec<(String, i64)>,
    /// Products per price bucket, per currency.
    pub prices: Vec<PriceBucketCount>,
}

// The facets statement counts its matches up to the count's limit, so a
// listing that asks for both takes `totalCount` from it
// ([`Facets::match_count`]).
const _: () = assert!(FACET_LIMIT == COUNT_LIMIT);

impl Facets {
    /// What [`ProductStore::count_matching`] would answer for the same
    /// filter, read from the facets statement's own count.
    pub fn match_count(&self) -> MatchCount {
        MatchCount::up_to_limit(self.matched)
    }
}

/// Products of one currency whose price falls in one bucket.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PriceBucketCount {
    /// The bucket's currency.
    pub currency: String,
    /// 0 to 7; see [`crate::domain::price_bucket_range`].
    pub bucket: usize,
    /// Products in the bucket.
    pub count: i64,
}

/// How a sort order's key is written in SQL over `m`, and what type its
/// cursor key has.
struct SortKey {
    /// The key expression; an indexed expression for every order but
    /// relevance, so a page walks the index instead of sorting every match.
    expr: &'static str,
    /// Whether the key is an integer column (its cursor key must be one).
    integer: bool,
    /// Whether rows are ordered by id alone (the key is constant).
    id_only: bool,
}

fn sort_key(sort: ProductSort) -> SortKey {
    let (expr, integer, id_only) = match sort {
        ProductSort::Relevance => ("m.rank", false, false),
        ProductSort::PriceAsc | ProductSort::PriceDesc => ("m.price_minor", true, false),
        ProductSort::Newest => ("0", true, true),
        ProductSort::Rating => ("coalesce(m.rating_avg, 0)", false, false),
        ProductSort::BestSelling => ("m.units_sold", true, false),
    };
    SortKey {
        expr,
        integer,
        id_only,
    }
}

/// At most this many matches are counted for `totalCount`; past it the
/// count says "at least this many" ([`MatchCount::exact`] is false).
pub const COUNT_LIMIT: i64 = 1_000;

/// Facets are counted over at most this many matching products
/// ([`Facets::complete`] says whether that was all of them).
pub const FACET_LIMIT: i64 = 1_000;

/// How many products a filter matches, counted up to [`COUNT_LIMIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchCount {
    /// The number of matches, or [`COUNT_LIMIT`] when there are more.
    pub count: i64,
    /// Whether `count` is every match.
    pub exact: bool,
}

impl MatchCount {
    /// `n` matches as a listing reports them: exact up to [`COUNT_LIMIT`],
    /// [`COUNT_LIMIT`] and inexact past it (a statement that counts up to
    /// the limit stops one past it).
    pub fn up_to_limit(n: i64) -> Self {
        MatchCount {
            count: n.min(COUNT_LIMIT),
            exact: n <= COUNT_LIMIT,
        }
    }
}

/// `WITH RECURSIVE [extra,] matched AS (...)`: the products `filter`
/// matches, each with its search rank.
///
/// Each branch is written so that PostgreSQL can use an index for it: the
/// full-text branch `search_vector @@ query` (GIN), the misspelling branch
/// `search_text %> text` (the trigram GIN index; the threshold is set on
/// every connection by [`super::connect_options`]), and the listing
/// branches the sort key's B-tree. The misspelling branch runs only when
/// full-text search finds nothing at all: its guard is an uncorrelated
/// sub-select (`fts_any`), which the planner evaluates once, before the
/// branch, and which stops at the first match.
fn push_matched<'a>(qb: &mut QueryBuilder<'a, Postgres>, filter: &'a ProductFilter, extra: &str) {
    qb.push("WITH RECURSIVE ");
    if !extra.is_empty() {
        qb.push(extra).push(", ");
    }
    if let Some(text) = &filter.text {
        // Whether full-text search finds anything at all (filters aside).
        // MATERIALIZED keeps it a bitmap scan of the GIN index: inlined
        // into EXISTS, the planner may pick a sequential scan that reads
        // the whole table when nothing matches (a misspelling).
        qb.push("fts_any AS MATERIALIZED (SELECT f.id FROM products f WHERE f.deleted_at IS NULL AND f.search_vector @@ (SELECT websearch_to_tsquery('english', ")
            .push_bind(text)
            .push("))), ");
    }
    qb.push("matched AS (");
    match &filter.text {
        Some(text) => {
            // The query is parsed once per statement, in a sub-select: as a
            // bound parameter in a generic plan, a bare call would be
            // evaluated again for every row a scan filters.
            qb.push("SELECT p.*, ts_rank(p.search_vector, (SELECT websearch_to_tsquery('english', ")
                .push_bind(text)
                .push(")))::numeric AS rank FROM products p WHERE p.search_vector @@ (SELECT websearch_to_tsquery('english', ")
                .push_bind(text)
                .push("))");
            push_conditions(qb, filter);
            qb.push(" UNION ALL SELECT p.*, word_similarity(lower(")
                .push_bind(text)
                // `%>` is `word_similarity(text, search_text) >=` the
                // connection's threshold (FUZZY_THRESHOLD_SETTING), and the
                // trigram index's recheck computes it: the same test written
                // out again computed it a third time for every candidate.
                .push(
                    "), p.search_text)::numeric AS rank FROM products p \
                       WHERE NOT EXISTS (SELECT 1 FROM fts_any) AND p.search_text %> lower(",
                )
                .push_bind(text)
                .push(")");
            push_conditions(qb, filter);
        }
        None => {
            qb.push("SELECT p.*, 0::numeric AS rank FROM products p WHERE true");
            push_conditions(qb, filter);
        }
    }
    qb.push(") ");
}

/// ` AND ...` for every condition of `filter` but its text.
fn push_conditions<'a>(qb: &mut QueryBuilder<'a, Postgres>, filter: &'a ProductFilter) {
    qb.push(" AND p.deleted_at IS NULL");
    if !filter.include_hidden {
        qb.push(" AND p.status = 'ACTIVE'");
    }
    if !filter.category_ids.is_empty() {
        qb.push(
            " AND p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id = ANY(",
        )
        .push_bind(&filter.category_ids)
        .push("))");
    } else if let Some(category) = filter.category {
        qb.push(
            " AND p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id IN \
             (WITH RECURSIVE below AS (SELECT id FROM categories WHERE id = ",
        )
        .push_bind(category)
        .push(" UNION ALL SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id) SELECT id FROM below))");
    }
    if !filter.brands.is_empty() {
        qb.push(" AND p.brand = ANY(")
            .push_bind(&filter.brands)
            .push(")");
    }
    if let Some(price) = &filter.price {
        // As the column's own type (char(3)): compared as text, the column
        // is cast and its statistics go unused, so the planner guesses 0.5 %
        // of the rows match, and a leaf category above a price floor was
        // scanned in full (98 ms at 100,000 products instead of 2 ms).
        qb.push(" AND p.currency = CAST(")
            .push_bind(&price.currency)
            .push(" AS char(3))");
        if let Some(min) = price.min_minor {
            qb.push(" AND p.price_minor >= ").push_bind(min);
        }
        if let Some(max) = price.max_minor {
            qb.push(" AND p.price_minor <= ").push_bind(max);
        }
    }
    for attribute in &filter.attributes {
        if !attribute.values.is_empty() {
            // Containment of any {"key": value}: served by the jsonb_path_ops index.
            let wanted: Vec<serde_json::Value> = attribute
                .values
                .iter()
                .map(|v| serde_json::json!({ attribute.key.as_str(): v }))
                .collect();
            qb.push(" AND p.attributes @> ANY(")
                .push_bind(wanted)
                .push("::jsonb[])");
        }
        for (bound, op) in [(attribute.min, ">="), (attribute.max, "<=")] {
            if let Some(bound) = bound {
                // CASE guards the cast: text values never reach ::numeric.
                qb.push(" AND (CASE WHEN jsonb_typeof(p.attributes -> ")
                    .push_bind(&attribute.key)
                    .push(") = 'number' THEN (p.attributes ->> ")
                    .push_bind(&attribute.key)
                    .push(")::numeric END) ")
                    .push(op)
                    .push(" CAST(")
                    .push_bind(bound)
                    .push(" AS numeric)");
            }
        }
    }
    if filter.in_stock {
        qb.push(" AND p.on_hand - p.reserved > 0");
    }
    if let Some(rating) = filter.min_rating {
        qb.push(" AND p.rating_avg >= CAST(")
            .push_bind(rating)
            .push(" AS numeric)");
    }
}

/// The page statement of [`ProductStore::search`].
fn page_query<'a>(
    prefix: &str,
    filter: &'a ProductFilter,
    sort: ProductSort,
    after: Option<&'a ListCursor>,
    limit: i64,
) -> Result<QueryBuilder<'a, Postgres>> {
    let SortKey {
        expr: key,
        integer,
        id_only,
    } = sort_key(sort);
    let (order, compare) = match sort.direction() {
        SortDirection::Ascending => ("ASC", ">"),
        SortDirection::Descending => ("DESC", "<"),
    };
    let mut qb = QueryBuilder::new(prefix);
    push_matched(&mut qb, filter, "");
    if counts_while_ranking(filter, sort, after) {
        // Ranking reads every match, so the count comes with it: the
        // window counts them before the limit. Only ids and ranks are
        // sorted; the page's rows are read by key afterwards.
        qb.push(
            ", top AS (SELECT m.id AS top_id, m.rank AS top_rank, count(*) OVER () AS total \
             FROM matched m ORDER BY m.rank DESC, m.id DESC LIMIT ",
        )
        .push_bind(limit)
        .push(format!(
            ") SELECT {COLUMNS}, (top_rank)::text AS sort_key, total FROM top \
             JOIN products p ON p.id = top.top_id ORDER BY top_rank DESC, top_id DESC"
        ));
        return Ok(qb);
    }
    qb.push(format!(
        "SELECT {COLUMNS}, ({key})::text AS sort_key FROM matched m"
    ));
    if let Some(cursor) = after {
        if id_only {
            qb.push(format!(" WHERE m.id {compare} "))
                .push_bind(cursor.id);
        } else if integer {
            let key_value: i64 = cursor.key.parse().map_err(|_| {
                Error::invalid("after", "after is not a cursor returned by this API")
            })?;
            qb.push(format!(" WHERE ({key}, m.id) {compare} ("))
                .push_bind(key_value)
                .push(", ")
                .push_bind(cursor.id)
                .push(")");
        } else {
            qb.push(format!(" WHERE ({key}, m.id) {compare} (CAST("))
                .push_bind(&cursor.key)
                .push(" AS numeric), ")
                .push_bind(cursor.id)
                .push(")");
        }
    }
    if id_only {
        qb.push(format!(" ORDER BY m.id {order} LIMIT "));
    } else {
        qb.push(format!(" ORDER BY {key} {order}, m.id {order} LIMIT "));
    }
    qb.push_bind(limit);
    Ok(qb)
}

/// Whether the page statement counts the matches too: the first page of a
/// search by relevance, which ranks (so reads) every match anyway.
fn counts_while_ranking(
    filter: &ProductFilter,
    sort: ProductSort,
    after: Option<&ListCursor>,
) -> bool {
    sort == ProductSort::Relevance && filter.text.is_some() && after.is_none()
}

/// The count statement of [`ProductStore::count_matching`].
fn count_query<'a>(prefix: &str, filter: &'a ProductFilter) -> QueryBuilder<'a, Postgres> {
    let mut qb = QueryBuilder::new(prefix);
    push_matched(&mut qb, filter, "");
    qb.push("SELECT count(*) FROM (SELECT 1 FROM matched LIMIT ")
        .push_bind(COUNT_LIMIT + 1)
        .push(") t");
    qb
}

/// The facets statement of [`ProductStore::facets`]: counts over the first
/// [`FACET_LIMIT`] matches the scan meets (`sample`), and how many it met,
/// up to one more. Each sampled product's categories are looked up by its
/// key (`LATERAL ... OFFSET 0` keeps that a nested loop): a hash join would
/// read every row of `product_categories`.
fn facets_query<'a>(prefix: &str, filter: &'a ProductFilter) -> QueryBuilder<'a, Postgres> {
    let mut qb = QueryBuilder::new(prefix);
    push_matched(
        &mut qb,
        filter,
        "closure(ancestor, descendant) AS (SELECT id, id FROM categories \
         UNION ALL SELECT cl.ancestor, c.id FROM closure cl JOIN categories c ON c.parent_id = cl.descendant)",
    );
    // Only what the counts read: `matched` is every column of a wide row.
    qb.push(", met AS MATERIALIZED (SELECT id, brand, currency, price_minor FROM matched LIMIT ")
        .push_bind(FACET_LIMIT + 1)
        .push("), sample AS MATERIALIZED (SELECT * FROM met LIMIT ")
        .push_bind(FACET_LIMIT)
        .push(
            ") SELECT (SELECT count(*) FROM met), \
             (SELECT coalesce(json_agg(json_build_object('id', t.ancestor, 'count', t.n) ORDER BY t.n DESC, t.ancestor), '[]'::json) \
                FROM (SELECT cl.ancestor, count(DISTINCT m.id) AS n FROM sample m \
                      CROSS JOIN LATERAL (SELECT pc.category_id FROM product_categories pc WHERE pc.product_id = m.id OFFSET 0) pc \
                      JOIN closure cl ON cl.descendant = pc.category_id \
                      GROUP BY cl.ancestor) t), \
             (SELECT coalesce(json_agg(json_build_object('brand', t.brand, 'count', t.n) ORDER BY t.n DESC, t.brand), '[]'::json) \
                FROM (SELECT brand, count(*) AS n FROM sample WHERE brand IS NOT NULL GROUP BY brand ORDER BY n DESC, brand LIMIT 50) t), \
             (SELECT coalesce(json_agg(json_build_object('currency', t.currency, 'bucket', t.bucket, 'count', t.n) ORDER BY t.currency, t.bucket), '[]'::json) \
                FROM (SELECT currency, width_bucket(price_minor / power(10::numeric, CASE WHEN currency = ANY(",
        )
        .push_bind(ZERO_DECIMAL_CURRENCIES)
        .push(") THEN 0 WHEN currency = ANY(")
        .push_bind(THREE_DECIMAL_CURRENCIES)
        .push(") THEN 3 ELSE 2 END), CAST(")
        .push_bind(&PRICE_BUCKET_BOUNDS[..])
        .push(" AS numeric[])) AS bucket, count(*) AS n FROM sample GROUP BY 1, 2) t)");
    qb
}

/// A page of a listing as the store read it.
#[derive(Debug, Clone, Default)]
pub struct ListedPage {
    /// Up to the limit's products, each with its cursor key.
    pub products: Vec<(Product, String)>,
    /// How many products match, when the page's statement counted them
    /// (the first page of a search by relevance); `None` otherwise.
    pub count: Option<MatchCount>,
    /// The facets, when the search engine counted them with the page
    /// (never from PostgreSQL's page statement).
    pub facets: Option<Facets>,
}

impl ProductStore {
    /// Up to `limit` products matching `filter` in `sort` order, strictly
    /// after `after`, each with its cursor key; on the first page of a
    /// search by relevance, also the count. One statement.
    pub async fn search(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
        after: Option<&ListCursor>,
        limit: i64,
    ) -> Result<ListedPage> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            product: ProductRow,
            sort_key: String,
            #[sqlx(default)]
            total: Option<i64>,
        }
        let mut qb = page_query("", filter, sort, after, limit)?;
        let rows: Vec<Row> = qb
            .build_query_as()
            .persistent(false)
            .fetch_all(self.db.exec())
            .await?;
        let count = counts_while_ranking(filter, sort, after).then(|| {
            // No row at all is a count of zero.
            let n = rows.first().and_then(|r| r.total).unwrap_or(0);
            MatchCount::up_to_limit(n)
        });
        let keys: Vec<String> = rows.iter().map(|r| r.sort_key.clone()).collect();
        let products = products(rows.into_iter().map(|r| r.product).collect())?;
        Ok(ListedPage {
            products: products.into_iter().zip(keys).collect(),
            count,
            facets: None,
        })
    }

    /// How many products match `filter`, up to [`COUNT_LIMIT`]: the
    /// statement stops reading at the first match past it. One statement.
    pub async fn count_matching(&self, filter: &ProductFilter) -> Result<MatchCount> {
        let mut qb = count_query("", filter);
        let n: i64 = qb
            .build_query_scalar()
            .persistent(false)
            .fetch_one(self.db.exec())
            .await?;
        Ok(MatchCount::up_to_limit(n))
    }

    /// What a search for `text` was read as, when full-text search finds
    /// nothing and the typo-tolerant match is used instead: each word of
    /// `text` replaced by the most similar word of the best-matching
    /// product's name or brand ("hedphones" → "headphones"). `None` when
    /// full-text search matches as written, when nothing matches at all, or
    /// when no word changes. One statement, bounded by one trigram index
    /// lookup (it runs only for a listing that asks for `searchedAs`).
    pub async fn search_correction(&self, text: &str) -> Result<Option<String>> {
        let corrected: Option<String> = sqlx::query_scalar(
            "WITH q AS (SELECT lower($1) AS t, websearch_to_tsquery('english', $1) AS ts), \
             best AS (SELECT p.search_text FROM products p, q \
                      WHERE p.deleted_at IS NULL AND p.status = 'ACTIVE' \
                        AND NOT EXISTS (SELECT 1 FROM products f WHERE f.deleted_at IS NULL AND f.search_vector @@ q.ts) \
                        AND p.search_text %> q.t AND word_similarity(q.t, p.search_text) >= $2 \
                      ORDER BY word_similarity(q.t, p.search_text) DESC, p.id LIMIT 1) \
             SELECT string_agg(coalesce( \
                      (SELECT w FROM best, regexp_split_to_table(best.search_text, '[^[:alnum:]]+') AS w \
                       WHERE w <> '' AND similarity(w, qw.word) >= 0.3 \
                       ORDER BY similarity(w, qw.word) DESC, w LIMIT 1), qw.word), ' ' ORDER BY qw.n) \
             FROM best, q, regexp_split_to_table(q.t, '\\s+') WITH ORDINALITY AS qw(word, n) WHERE qw.word <> ''",
        )
        .bind(text)
        .bind(FUZZY_THRESHOLD)
        .fetch_one(self.db.exec())
        .await?;
        let written = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        Ok(corrected.filter(|c| *c != written))
    }

    /// `EXPLAIN (ANALYZE, FORMAT JSON)` of the statements a listing runs
    /// for `filter` and `sort`: its first page of 20, its count and its
    /// facets, in that order. For the tests that hold the plans, and for
    /// operators.
    pub async fn explain_listing(
        &self,
        filter: &ProductFilter,
        sort: ProductSort,
    ) -> Result<Vec<serde_json::Value>> {
        const EXPLAIN: &str = "EXPLAIN (ANALYZE, FORMAT JSON) ";
        let mut plans = Vec::new();
        for mut qb in [
            page_query(EXPLAIN, filter, sort.effective(filter), None, 21)?,
            count_query(EXPLAIN, filter),
            facets_query(EXPLAIN, filter),
        ] {
            let plan: sqlx::types::Json<serde_json::Value> =
                qb.build_query_scalar().fetch_one(self.db.exec()).await?;
            plans.push(plan.0);
        }
        Ok(plans)
    }

    /// Category, brand and price-bucket counts over what `filter` matches.
    /// A product counts for every category it is in and each one above. One
    /// statement.
    pub async fn facets(&self, filter: &ProductFilter) -> Result<Facets> {
        #[derive(serde::Deserialize)]
        struct CategoryCount {
            id: Uuid,
            count: i64,
        }
        #[derive(serde::Deserialize)]
        struct BrandCount {
            brand: String,
            count: i64,
        }
        type Json<T> = sqlx::types::Json<Vec<T>>;
        let mut qb = facets_query("", filter);
        let (sampled, categories, brands, prices): (
            i64,
            Json<CategoryCount>,
            Json<BrandCount>,
            Json<PriceBucketCount>,
        ) = qb
            .build_query_as()
            .persistent(false)
            .fetch_one(self.db.exec())
            .await?;
        Ok(Facets {
            complete: sampled <= FACET_LIMIT,
            matched: sampled,
            categories: categories.0.into_iter().map(|c| (c.id, c.count)).collect(),
            brands: brands.0.into_iter().map(|b| (b.brand, b.count)).collect(),
            prices: prices.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_keys_must_be_plain_decimals() {
        let id = Uuid::nil();
        assert!(ListCursor::new(ProductSort::PriceAsc, "1250", id).is_some());
        assert!(ListCursor::new(ProductSort::Relevance, "0.0607927", id).is_some());
        assert!(ListCursor::new(ProductSort::Relevance, "-3.5", id).is_some());
        for bad in ["", "1e5", "1.", ".5", "1;DROP", "NaN", &"9".repeat(41)] {
            assert!(
                ListCursor::new(ProductSort::PriceAsc, bad, id).is_none(),
                "{bad}"
            );
        }
    }
}
