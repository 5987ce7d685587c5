//! The search engine: an in-process Tantivy index of the catalog, kept in
//! memory by each replica and fed from PostgreSQL.
//!
//! PostgreSQL stays the record. The index holds what a search ranks and
//! filters on (name, brand and description; categories with every category
//! above them; brand, price and currency; whether the product is on sale and
//! in stock; its rating), so that a search, a count and the facets read
//! their matches from memory instead of ranking rows in SQL. The page's
//! products are then read by id, from the cache or in one statement.
//!
//! How it stays current (see `migrations/product/20261204000001_*`): every
//! product row carries `search_xid`, the transaction that last changed what
//! the index holds of it. A follower reads, in one repeatable-read snapshot,
//! the rows changed at or after the oldest transaction that was still running
//! at its previous read, with the category tree, and applies them. A
//! transaction that commits late is read on a later pass, never missed.
//! Passes run every [`FOLLOW_INTERVAL`], and at once after this replica
//! writes a product; a search on the replica that wrote waits for that pass,
//! so its own writes are always visible to it. Other replicas see a change
//! within [`FOLLOW_INTERVAL`]. A change to the category tree rebuilds the
//! index (categories are indexed with their ancestors).
//!
//! Ranking depends only on the product, never on the rest of the catalog (as
//! PostgreSQL's `ts_rank` did): each query word found in the name counts 1,
//! in the brand 0.4, in the description 0.2. So a cursor keeps its place
//! while products are added. Ties go to the higher id.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use platform::money::{THREE_DECIMAL_CURRENCIES, ZERO_DECIMAL_CURRENCIES};
use sqlx::PgPool;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentReader;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{DocAddress, DocId, Index, IndexReader, IndexWriter, Score, TantivyDocument, Term};
use tokio::sync::{Notify, watch};
use uuid::Uuid;

use super::search::{Facets, ListCursor, MatchCount, PriceBucketCount};
use crate::domain::{PRICE_BUCKET_BOUNDS, ProductFilter, ProductSort, SortDirection};
use crate::ports::{IndexPage, SearchEngine};

/// How often a replica reads what changed, when it has not written itself.
pub const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);

/// Rows read per statement by a pass.
const CHUNK: i64 = 5_000;

/// How long a search waits for this replica's own writes to be indexed
/// before it is answered by PostgreSQL instead.
const FRESH_WAIT: Duration = Duration::from_secs(2);

/// The tokenizer of the ranked fields: words, lower case, English stop words
/// dropped and stems kept (as PostgreSQL's `english` configuration).
const STEMMED: &str = "shop_en";

/// Weights of a query word found in the name, the brand and the description.
const NAME_WEIGHT: Score = 1.0;
const BRAND_WEIGHT: Score = 0.4;
const DESCRIPTION_WEIGHT: Score = 0.2;

/// The index's fields.
#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    name: Field,
    brand_text: Field,
    description: Field,
    words: Field,
    categories: Field,
    brand: Field,
    currency: Field,
    id_hi: Field,
    id_lo: Field,
    price: Field,
    active: Field,
    in_stock: Field,
    rating: Field,
}

// Fast (columnar) fields, read by name.
const CATEGORIES: &str = "categories";
const BRAND: &str = "brand";
const CURRENCY: &str = "currency";
const ID_HI: &str = "id_hi";
const ID_LO: &str = "id_lo";
const PRICE: &str = "price_minor";
const ACTIVE: &str = "active";
const IN_STOCK: &str = "in_stock";
const RATING: &str = "rating";

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let ranked = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEMMED)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING),
        name: builder.add_text_field("name", ranked.clone()),
        brand_text: builder.add_text_field("brand_text", ranked.clone()),
        description: builder.add_text_field("description", ranked),
        // Name and brand as written, word by word: what a misspelling is
        // compared with, and what a correction is taken from.
        words: builder.add_text_field(
            "words",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer("default")
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_stored(),
        ),
        categories: builder.add_text_field(CATEGORIES, STRING | FAST),
        brand: builder.add_text_field(BRAND, STRING | FAST),
        currency: builder.add_text_field(CURRENCY, STRING | FAST),
        id_hi: builder.add_u64_field(ID_HI, FAST),
        id_lo: builder.add_u64_field(ID_LO, FAST),
        price: builder.add_i64_field(PRICE, FAST),
        active: builder.add_bool_field(ACTIVE, FAST),
        in_stock: builder.add_bool_field(IN_STOCK, FAST),
        rating: builder.add_f64_field(RATING, FAST),
    };
    (builder.build(), fields)
}

/// One product as the index holds it.
#[derive(sqlx::FromRow)]
struct IndexedRow {
    id: Uuid,
    /// The transaction that last changed what the index holds of it.
    xid: i64,
    name: String,
    brand: Option<String>,
    description: String,
    active: bool,
    deleted: bool,
    price_minor: i64,
    currency: String,
    in_stock: bool,
    rating: Option<f64>,
    categories: Vec<Uuid>,
}

/// The catalog's category tree: each category's parent.
type Tree = HashMap<Uuid, Option<Uuid>>;

/// `categories` and every category above them, each once.
fn with_ancestors(tree: &Tree, categories: &[Uuid]) -> Vec<Uuid> {
    let mut all: Vec<Uuid> = Vec::new();
    for &category in categories {
        let mut next = Some(category);
        // A tree has no cycles; the bound only guards against a bad row.
        for _ in 0..=tree.len() {
            let Some(id) = next else { break };
            if all.contains(&id) {
                break;
            }
            all.push(id);
            next = tree.get(&id).copied().flatten();
        }
    }
    all
}

/// Where the follower is.
#[derive(Default)]
struct Followed {
    /// The snapshot xmin of the last pass (`None` before the first): rows
    /// changed by it or a later transaction are read again.
    xmin: Option<i64>,
    /// The category tree the index was built with.
    tree: Arc<Tree>,
    /// Rows the last pass read that the next one reads again (changed at or
    /// after its xmin), with the transaction that changed them: a row read
    /// again unchanged is not indexed again. A long transaction anywhere in
    /// the database holds xmin back, and without this every pass would
    /// re-index everything changed since it began.
    again: HashMap<Uuid, i64>,
}

/// The in-memory index and what keeps it current.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Arc<Mutex<IndexWriter>>,
    pool: PgPool,
    /// What the follower has read.
    followed: tokio::sync::Mutex<Followed>,
    /// Writes this replica made (counted); the follower's passes (`indexed`)
    /// say which of them they cover.
    wanted: AtomicU64,
    wake: Notify,
    indexed: watch::Sender<u64>,
    /// Reports the number of indexed products and of segments after each
    /// pass (gauges).
    report: std::sync::OnceLock<Box<dyn Fn(&tantivy::Searcher) + Send + Sync>>,
}

impl SearchIndex {
    /// Builds the index from every product in the database. The replica is
    /// ready when this returns; [`SearchIndex::follow`] keeps it current.
    pub async fn build(pool: PgPool) -> anyhow::Result<Arc<Self>> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(
            STEMMED,
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(StopWordFilter::new(Language::English).expect("English stop words"))
                .filter(Stemmer::new(Language::English))
                .build(),
        );
        // One indexing thread, and the smallest arena Tantivy allows: the
        // catalog is added in batches of short documents.
        let writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
        // Every search visits every segment (each has its own columns and
        // dictionaries to open), so segments are merged as soon as two are
        // of a size: a few per catalog instead of Tantivy's default of up
        // to seven per size. Merges run on the writer's own thread.
        let mut merges = tantivy::indexer::LogMergePolicy::default();
        merges.set_min_num_segments(2);
        writer.set_merge_policy(Box::new(merges));
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let (indexed, _) = watch::channel(0);
        let this = Arc::new(Self {
            index,
            fields,
            reader,
            writer: Arc::new(Mutex::new(writer)),
            pool,
            followed: tokio::sync::Mutex::new(Followed::default()),
            wanted: AtomicU64::new(0),
            wake: Notify::new(),
            indexed,
            report: std::sync::OnceLock::new(),
        });
        this.pass().await?;
        Ok(this)
    }

    /// Exports `shop_search_index_documents`: the products the index holds
    /// (it equals the catalog's undeleted products once a pass caught up),
    /// and `shop_search_index_segments`, which every search visits.
    pub fn observed_by(&self, metrics: &platform::metrics::Metrics) {
        let gauge = |name: &str, help: &str| {
            metrics
                .gauge(name, help, &[])
                .with_label_values(&[] as &[&str])
        };
        let documents = gauge(
            "search_index_documents",
            "Products in this replica's search index.",
        );
        let segments = gauge(
            "search_index_segments",
            "Segments of this replica's search index (each search visits every one).",
        );
        let report = move |searcher: &tantivy::Searcher| {
            documents.set(searcher.num_docs() as i64);
            segments.set(searcher.segment_readers().len() as i64);
        };
        report(&self.reader.searcher());
        let _ = self.report.set(Box::new(report));
    }

    /// Keeps the index current until the task is dropped: a pass every
    /// [`FOLLOW_INTERVAL`], or at once after a write on this replica.
    pub async fn follow(self: Arc<Self>) {
        loop {
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(FOLLOW_INTERVAL) => {}
            }
            let covers = self.wanted.load(Ordering::SeqCst);
            match self.pass().await {
                Ok(()) => {
                    self.indexed.send_replace(covers);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "search index: reading changes failed; retrying");
                    tokio::time::sleep(FOLLOW_INTERVAL).await;
                }
            }
        }
    }

    /// Reads and applies what changed since the last pass (everything, the
    /// first time or when the category tree changed).
    async fn pass(&self) -> anyhow::Result<()> {
        let mut followed = self.followed.lock().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
        let xmin: i64 =
            sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                .fetch_one(&mut *tx)
                .await?;
        let tree: Arc<Tree> = Arc::new(
            sqlx::query_as::<_, (Uuid, Option<Uuid>)>("SELECT id, parent_id FROM categories")
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect(),
        );
        // Everything again the first time, or when the tree changed.
        let since = followed.xmin.filter(|_| tree == followed.tree);
        let rebuild = since.is_none();
        let mut batch = Vec::new();
        let mut again = HashMap::new();
        let mut changed = rebuild;
        if rebuild {
            self.writer
                .lock()
                .expect("index writer")
                .delete_all_documents()?;
        }
        // In chunks by id, each one statement well within the role's
        // statement timeout (one statement over 1,000,000 rows is not), all
        // in the one snapshot.
        let mut last = Uuid::nil();
        loop {
            let rows = sqlx::query_as::<_, IndexedRow>(
                "SELECT p.id, p.search_xid::text::bigint AS xid, p.name, p.brand, p.description, \
                        p.status = 'ACTIVE' AS active, p.deleted_at IS NOT NULL AS deleted, p.price_minor, \
                        p.currency::text AS currency, p.on_hand - p.reserved > 0 AS in_stock, \
                        p.rating_avg::float8 AS rating, \
                        ARRAY(SELECT pc.category_id FROM product_categories pc WHERE pc.product_id = p.id) AS categories \
                 FROM products p WHERE p.search_xid >= $1::text::xid8 AND p.id > $2 \
                 ORDER BY p.id LIMIT $3",
            )
            .bind(since.unwrap_or(0).to_string())
            .bind(last)
            .bind(CHUNK)
            .fetch_all(&mut *tx)
            .await?;
            let Some(end) = rows.last() else { break };
            last = end.id;
            let full = rows.len() as i64 == CHUNK;
            for row in rows {
                if row.xid >= xmin {
                    again.insert(row.id, row.xid);
                }
                if !rebuild && followed.again.get(&row.id) == Some(&row.xid) {
                    continue;
                }
                batch.push(row);
            }
            if !batch.is_empty() {
                changed = true;
                // Off the async threads: a large catch-up (a rebuild, an
                // import) waits on the indexing thread for seconds.
                let (writer, fields, tree) = (self.writer.clone(), self.fields, tree.clone());
                let rows = std::mem::take(&mut batch);
                tokio::task::spawn_blocking(move || apply(&writer, fields, &tree, rows, rebuild))
                    .await??;
            }
            if !full {
                break;
            }
        }
        tx.commit().await?;
        if changed {
            let writer = self.writer.clone();
            tokio::task::spawn_blocking(move || writer.lock().expect("index writer").commit())
                .await??;
        }
        // Every pass, not only after a commit: merges finish after the
        // commit that started them, and searches see the merged segments
        // only from a reload on.
        self.reader.reload()?;
        if let Some(report) = self.report.get() {
            report(&self.reader.searcher());
        }
        *followed = Followed {
            xmin: Some(xmin),
            tree,
            again,
        };
        Ok(())
    }
}

/// Replaces the documents of `rows` (adds them, when rebuilding).
fn apply(
    writer: &Mutex<IndexWriter>,
    f: Fields,
    tree: &Tree,
    rows: Vec<IndexedRow>,
    rebuild: bool,
) -> anyhow::Result<()> {
    let writer = writer.lock().expect("index writer");
    for row in rows {
        let id = row.id.simple().to_string();
        if !rebuild {
            writer.delete_term(Term::from_field_text(f.id, &id));
        }
        if row.deleted {
            continue;
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &id);
        let bits = row.id.as_u128();
        doc.add_u64(f.id_hi, (bits >> 64) as u64);
        doc.add_u64(f.id_lo, bits as u64);
        doc.add_text(f.name, &row.name);
        doc.add_text(f.description, &row.description);
        let brand = row.brand.as_deref().unwrap_or_default();
        doc.add_text(f.words, format!("{} {brand}", row.name));
        if let Some(brand) = &row.brand {
            doc.add_text(f.brand_text, brand);
            doc.add_text(f.brand, brand);
        }
        for category in with_ancestors(tree, &row.categories) {
            doc.add_text(f.categories, category.simple().to_string());
        }
        doc.add_text(f.currency, &row.currency);
        doc.add_i64(f.price, row.price_minor);
        doc.add_bool(f.active, row.active);
        doc.add_bool(f.in_stock, row.in_stock);
        if let Some(rating) = row.rating {
            doc.add_f64(f.rating, rating);
        }
        writer.add_document(doc)?;
    }
    Ok(())
}

impl SearchIndex {
    /// Waits until this replica's own writes are indexed; false when that
    /// took longer than [`FRESH_WAIT`].
    async fn fresh(&self) -> bool {
        let wanted = self.wanted.load(Ordering::SeqCst);
        let mut indexed = self.indexed.subscribe();
        if *indexed.borrow() >= wanted {
            return true;
        }
        self.wake.notify_one();
        tokio::time::timeout(FRESH_WAIT, indexed.wait_for(|done| *done >= wanted))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// The text query of `text` over the ranked fields: every word must be
    /// found, in the name, the brand or the description. `None` when no
    /// word is left (only stop words or punctuation).
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let mut analyzer = self.index.tokenizers().get(STEMMED)?;
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            if !words.contains(&token.text) {
                words.push(token.text.clone());
            }
        }
        if words.is_empty() {
            return None;
        }
        let clauses = words
            .iter()
            .map(|word| {
                let any_field = [
                    (f.name, NAME_WEIGHT),
                    (f.brand_text, BRAND_WEIGHT),
                    (f.description, DESCRIPTION_WEIGHT),
                ]
                .into_iter()
                .map(|(field, weight)| {
                    let term = TermQuery::new(
                        Term::from_field_text(field, word),
                        IndexRecordOption::Basic,
                    );
                    let q: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(term), weight));
                    (Occur::Should, q)
                })
                .collect();
                let q: Box<dyn Query> = Box::new(BooleanQuery::new(any_field));
                (Occur::Must, q)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The typo-tolerant query: every word of `text` (as written, lower
    /// case) within [`typo_distance`] edits of a word of a name or brand.
    fn fuzzy_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let words = plain_words(text);
        if words.is_empty() {
            return None;
        }
        let clauses = words
            .iter()
            .map(|word| {
                let term = Term::from_field_text(self.fields.words, word);
                let q: Box<dyn Query> = match typo_distance(word) {
                    0 => Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    d => Box::new(FuzzyTermQuery::new(term, d, true)),
                };
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(q, NAME_WEIGHT)) as Box<dyn Query>,
                )
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Runs `collector` with the query `filter` calls for: its text (or the
    /// typo-tolerant query, when the text matches nothing at all), or every
    /// product. `None` when the text has no word to search for.
    fn run(
        &self,
        filter: &ProductFilter,
        collector: &Listing,
    ) -> anyhow::Result<Option<(Harvest, bool)>> {
        let searcher = self.reader.searcher();
        let Some(text) = &filter.text else {
            let query: Box<dyn Query> = match filter.category {
                // A category's products are one term (categories are indexed
                // with their ancestors).
                Some(category) => Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.categories, &category.simple().to_string()),
                    IndexRecordOption::Basic,
                )),
                None => Box::new(AllQuery),
            };
            return Ok(Some((searcher.search(&query, collector)?, false)));
        };
        let Some(query) = self.text_query(text) else {
            return Ok(None);
        };
        let harvest = searcher.search(&query, collector)?;
        if harvest.matched_any > 0 {
            return Ok(Some((harvest, false)));
        }
        let Some(fuzzy) = self.fuzzy_query(text) else {
            return Ok(Some((harvest, false)));
        };
        Ok(Some((searcher.search(&fuzzy, collector)?, true)))
    }

    /// What `text` was read as, when it needed the typo tolerance: each word
    /// replaced by the closest word of the best typo-tolerant match.
    fn correct(&self, text: &str) -> anyhow::Result<Option<String>> {
        let filter = ProductFilter {
            text: Some(text.to_string()),
            ..ProductFilter::default()
        };
        let collector = Listing::page(&filter, ProductSort::Relevance, None, 20);
        let Some((harvest, true)) = self.run(&filter, &collector)? else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let written = plain_words(text);
        let mut best: Option<(usize, Vec<String>)> = None;
        for hit in &harvest.top {
            let doc: TantivyDocument = searcher.doc(hit.address)?;
            let Some(words) = doc.get_first(self.fields.words).and_then(|v| v.as_str()) else {
                continue;
            };
            let candidates = plain_words(words);
            let (cost, chosen): (usize, Vec<String>) =
                written
                    .iter()
                    .fold((0, Vec::new()), |(cost, mut chosen), word| {
                        let (d, closest) = candidates
                            .iter()
                            .map(|c| (strsim::damerau_levenshtein(word, c), c))
                            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
                            .map(|(d, c)| (d, c.clone()))
                            .unwrap_or((0, word.clone()));
                        chosen.push(closest);
                        (cost + d, chosen)
                    });
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, chosen));
            }
        }
        Ok(best
            .map(|(_, words)| words.join(" "))
            .filter(|corrected| *corrected != written.join(" ")))
    }
}

/// The words of `text` as the typo-tolerant match compares them: lower
/// case, split at anything but letters and digits.
fn plain_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= 40)
    {
        let word = word.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Edits a misspelled word may be away from the word meant: none under four
/// letters, one up to seven, two from eight ("hedphones" is one from
/// "headphones").
fn typo_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A hit's place in a listing's order: greater is earlier. `key` is the
/// sort key turned so that greater is better (a price, negated for
/// cheapest first), `tie` the id turned the same way (PostgreSQL breaks
/// ties by id in the key's direction).
#[derive(Clone, Copy)]
struct Hit {
    key: f64,
    tie: u128,
    address: DocAddress,
}

impl Hit {
    /// The hit at `sort` key `key` (as the fast fields hold it) and `id`.
    fn at(sort: ProductSort, key: f64, id: u128, address: DocAddress) -> Self {
        match sort.direction() {
            SortDirection::Ascending => Self {
                key: -key,
                tie: !id,
                address,
            },
            SortDirection::Descending => Self {
                key,
                tie: id,
                address,
            },
        }
    }

    /// The place a cursor names, if its key is one `sort` writes.
    fn after(sort: ProductSort, cursor: &ListCursor) -> Option<Self> {
        let key = match sort {
            ProductSort::Relevance => f64::from(cursor.key.parse::<Score>().ok()?),
            ProductSort::PriceAsc | ProductSort::PriceDesc => {
                cursor.key.parse::<i64>().ok()? as f64
            }
            ProductSort::Newest => 0.0,
            ProductSort::Rating => cursor.key.parse::<f64>().ok()?,
            ProductSort::BestSelling => return None,
        };
        Some(Self::at(
            sort,
            key,
            cursor.id.as_u128(),
            DocAddress::new(0, 0),
        ))
    }

    /// The product's id.
    fn id(&self, sort: ProductSort) -> Uuid {
        Uuid::from_u128(match sort.direction() {
            SortDirection::Ascending => !self.tie,
            SortDirection::Descending => self.tie,
        })
    }

    /// The cursor key PostgreSQL writes for this hit in `sort` order: a
    /// rank, a price in minor units, `0` for newest first (ordered by id
    /// alone), a rating with at most two decimals.
    fn cursor_key(&self, sort: ProductSort) -> String {
        match sort {
            ProductSort::Relevance => (self.key as Score).to_string(),
            ProductSort::PriceAsc => ((-self.key) as i64).to_string(),
            ProductSort::PriceDesc => (self.key as i64).to_string(),
            ProductSort::Newest => "0".to_string(),
            ProductSort::Rating | ProductSort::BestSelling => self.key.to_string(),
        }
    }
}

impl PartialEq for Hit {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Hit {}

impl Ord for Hit {
    /// Greater is better (earlier in the listing).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key
            .total_cmp(&other.key)
            .then(self.tie.cmp(&other.tie))
    }
}

impl PartialOrd for Hit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A listing's collector: checks each match against the filter's other
/// conditions (from the fast fields), counts what passes, keeps the best
/// `limit` after the cursor, and counts facets.
struct Listing {
    categories: Vec<String>,
    brands: Vec<String>,
    currency: Option<String>,
    spec: ListingSpec,
}

impl Listing {
    fn new(filter: &ProductFilter) -> Self {
        // Categories are indexed with their ancestors: the category itself
        // stands for every one below it. Without text the query is that
        // category's term ([`SearchIndex::run`]): every match is in it.
        let categories = filter
            .category
            .iter()
            .filter(|_| filter.text.is_some())
            .map(|c| c.simple().to_string())
            .collect();
        let price = filter.price.as_ref();
        Self {
            categories,
            brands: filter.brands.clone(),
            currency: price.map(|p| p.currency.clone()),
            spec: ListingSpec {
                min_price: price.and_then(|p| p.min_minor).unwrap_or(i64::MIN),
                max_price: price.and_then(|p| p.max_minor).unwrap_or(i64::MAX),
                only_active: !filter.include_hidden,
                in_stock: filter.in_stock,
                min_rating: filter.min_rating,
                sort: ProductSort::Relevance,
                limit: 0,
                after: None,
                facets: false,
            },
        }
    }

    fn page(filter: &ProductFilter, sort: ProductSort, after: Option<Hit>, limit: usize) -> Self {
        let mut listing = Self::new(filter);
        listing.spec.sort = sort;
        listing.spec.limit = limit;
        listing.spec.after = after;
        listing
    }

    fn facets(filter: &ProductFilter) -> Self {
        let mut listing = Self::new(filter);
        listing.spec.facets = true;
        listing
    }
}

/// How many distinct values a segment's column holds.
fn terms(column: Option<&StrColumn>) -> usize {
    column.map_or(0, |c| c.num_terms())
}

/// The ordinal of `value` in one segment's dictionary of `column`, if the
/// segment holds it.
fn ordinal(column: Option<&StrColumn>, value: &str) -> std::io::Result<Option<u64>> {
    match column {
        Some(column) => column.dictionary().term_ord(value),
        None => Ok(None),
    }
}

/// The ordinals, in one segment's dictionary of `column`, of `wanted`, as
/// a dense set indexed by ordinal (checked for every match: no hashing);
/// `None`: no condition on the column.
fn ordinals(column: Option<&StrColumn>, wanted: &[String]) -> std::io::Result<Option<Vec<bool>>> {
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut found = vec![false; terms(column)];
    for value in wanted {
        if let Some(ord) = ordinal(column, value)? {
            found[ord as usize] = true;
        }
    }
    Ok(Some(found))
}

/// Whether the dense set `want` holds `ord`.
fn holds(want: &[bool], ord: u64) -> bool {
    want.get(ord as usize).copied().unwrap_or(false)
}

struct SegmentListing {
    segment: u32,
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    price: Column<i64>,
    active: Column<bool>,
    in_stock: Column<bool>,
    rating: Column<f64>,
    categories: Option<StrColumn>,
    brand: Option<StrColumn>,
    currency: Option<StrColumn>,
    want_categories: Option<Vec<bool>>,
    want_brands: Option<Vec<bool>>,
    want_currency: Option<Option<u64>>,
    /// Minor units per major unit, by currency ordinal.
    scales: Vec<i64>,
    /// The current match's category ordinals (read once per match).
    ords: Vec<u64>,
    spec: ListingSpec,
    harvest: SegmentHarvest,
}

/// What every segment of a [`Listing`] checks and keeps.
#[derive(Clone)]
struct ListingSpec {
    min_price: i64,
    max_price: i64,
    only_active: bool,
    in_stock: bool,
    min_rating: Option<f64>,
    /// The order of the hits kept.
    sort: ProductSort,
    /// The best hits to keep (0: none).
    limit: usize,
    /// Only hits after this place (the cursor's).
    after: Option<Hit>,
    facets: bool,
}

#[derive(Default)]
struct SegmentHarvest {
    matched_any: u64,
    matched: u64,
    /// The best `limit`, the least good on top.
    top: BinaryHeap<Reverse<Hit>>,
    /// Counts by ordinal (dense: a segment's dictionaries are small).
    categories: Vec<u64>,
    brands: Vec<u64>,
    /// By currency ordinal × [`BUCKETS`] + bucket.
    prices: Vec<u64>,
}

/// Price buckets per currency.
const BUCKETS: usize = PRICE_BUCKET_BOUNDS.len() + 1;

/// What a listing's collector found over every segment.
#[derive(Default)]
struct Harvest {
    /// Matches of the query, the filter's other conditions aside.
    matched_any: u64,
    /// Matches of the whole filter.
    matched: u64,
    /// The best hits after the cursor, best first.
    top: Vec<Hit>,
    categories: HashMap<String, u64>,
    brands: HashMap<String, u64>,
    /// By currency and bucket.
    prices: HashMap<(String, usize), u64>,
}

impl Harvest {
    /// The facets counted, best first as PostgreSQL's statement orders them
    /// (categories and brands by count, then by id or name; at most 50
    /// brands; prices by currency and bucket). Every match is counted.
    fn facets(&mut self) -> Facets {
        let mut categories: Vec<(Uuid, i64)> = std::mem::take(&mut self.categories)
            .into_iter()
            .filter_map(|(id, n)| Some((Uuid::parse_str(&id).ok()?, n as i64)))
            .collect();
        categories.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut brands: Vec<(String, i64)> = std::mem::take(&mut self.brands)
            .into_iter()
            .map(|(b, n)| (b, n as i64))
            .collect();
        brands.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        brands.truncate(50);
        let mut prices: Vec<PriceBucketCount> = std::mem::take(&mut self.prices)
            .into_iter()
            .map(|((currency, bucket), n)| PriceBucketCount {
                currency,
                bucket,
                count: n as i64,
            })
            .collect();
        prices.sort_by(|a, b| a.currency.cmp(&b.currency).then(a.bucket.cmp(&b.bucket)));
        Facets {
            complete: true,
            matched: self.matched as i64,
            categories,
            brands,
            prices,
        }
    }
}

impl Collector for Listing {
    type Fruit = Harvest;
    type Child = SegmentListing;

    fn for_segment(&self, segment: u32, reader: &SegmentReader) -> tantivy::Result<SegmentListing> {
        let fast = reader.fast_fields();
        let categories = fast.str(CATEGORIES)?;
        let brand = fast.str(BRAND)?;
        let currency = fast.str(CURRENCY)?;
        let io = |e: std::io::Error| tantivy::TantivyError::InternalError(e.to_string());
        let want_currency = match &self.currency {
            None => None,
            Some(c) => Some(ordinal(currency.as_ref(), c).map_err(io)?),
        };
        let mut scales = vec![100; terms(currency.as_ref())];
        if let Some(column) = &currency {
            let mut name = String::new();
            for (ord, scale) in scales.iter_mut().enumerate() {
                name.clear();
                if column.ord_to_str(ord as u64, &mut name)? {
                    *scale = minor_per_major(&name);
                }
            }
        }
        let sized = |column: &Option<StrColumn>, per: usize| {
            vec![
                0;
                if self.spec.facets {
                    terms(column.as_ref()) * per
                } else {
                    0
                }
            ]
        };
        let harvest = SegmentHarvest {
            categories: sized(&categories, 1),
            brands: sized(&brand, 1),
            prices: sized(&currency, BUCKETS),
            ..SegmentHarvest::default()
        };
        Ok(SegmentListing {
            segment,
            scales,
            ords: Vec::new(),
            id_hi: fast.u64(ID_HI)?,
            id_lo: fast.u64(ID_LO)?,
            price: fast.i64(PRICE)?,
            active: fast.bool(ACTIVE)?,
            in_stock: fast.bool(IN_STOCK)?,
            rating: fast.f64(RATING)?,
            want_categories: ordinals(categories.as_ref(), &self.categories).map_err(io)?,
            want_brands: ordinals(brand.as_ref(), &self.brands).map_err(io)?,
            want_currency,
            categories,
            brand,
            currency,
            spec: self.spec.clone(),
            harvest,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.spec.limit > 0 && self.spec.sort == ProductSort::Relevance
    }

    fn merge_fruits(&self, segments: Vec<SegmentHarvestOut>) -> tantivy::Result<Harvest> {
        let mut all = Harvest::default();
        let mut top: Vec<Hit> = Vec::new();
        for s in segments {
            all.matched_any += s.matched_any;
            all.matched += s.matched;
            top.extend(s.top);
            for (k, n) in s.categories {
                *all.categories.entry(k).or_default() += n;
            }
            for (k, n) in s.brands {
                *all.brands.entry(k).or_default() += n;
            }
            for (k, n) in s.prices {
                *all.prices.entry(k).or_default() += n;
            }
        }
        top.sort_by(|a, b| b.cmp(a));
        top.truncate(self.spec.limit);
        all.top = top;
        Ok(all)
    }
}

/// One segment's findings, its ordinals resolved to strings.
struct SegmentHarvestOut {
    matched_any: u64,
    matched: u64,
    top: Vec<Hit>,
    categories: Vec<(String, u64)>,
    brands: Vec<(String, u64)>,
    prices: Vec<((String, usize), u64)>,
}

impl SegmentCollector for SegmentListing {
    type Fruit = SegmentHarvestOut;

    /// Runs for every match of the query: each column is read at most once,
    /// and the conditions cheapest to fail come first.
    fn collect(&mut self, doc: DocId, score: Score) {
        self.harvest.matched_any += 1;
        let spec = &self.spec;
        if spec.only_active && self.active.first(doc) != Some(true) {
            return;
        }
        if spec.in_stock && self.in_stock.first(doc) != Some(true) {
            return;
        }
        let rating = match (spec.min_rating, spec.sort) {
            (None, sort) if sort != ProductSort::Rating => None,
            _ => self.rating.first(doc),
        };
        if let Some(min) = spec.min_rating
            && !rating.is_some_and(|r| r >= min)
        {
            return;
        }
        let wants_price = self.want_currency.is_some()
            || spec.facets
            || matches!(spec.sort, ProductSort::PriceAsc | ProductSort::PriceDesc);
        let price = if wants_price {
            self.price.first(doc).unwrap_or(0)
        } else {
            0
        };
        let currency = if self.want_currency.is_some() || spec.facets {
            self.currency.as_ref().and_then(|c| c.term_ords(doc).next())
        } else {
            None
        };
        if let Some(want) = self.want_currency {
            if want.is_none() || currency != want {
                return;
            }
            if price < spec.min_price || price > spec.max_price {
                return;
            }
        }
        if let Some(want) = &self.want_brands {
            let Some(brand) = &self.brand else { return };
            if !brand.term_ords(doc).any(|o| holds(want, o)) {
                return;
            }
        }
        self.ords.clear();
        if self.want_categories.is_some() || spec.facets {
            if let Some(categories) = &self.categories {
                self.ords.extend(categories.term_ords(doc));
            }
            if let Some(want) = &self.want_categories
                && !self.ords.iter().any(|o| holds(want, *o))
            {
                return;
            }
        }
        self.harvest.matched += 1;
        if spec.limit > 0 {
            let id = (u128::from(self.id_hi.first(doc).unwrap_or(0)) << 64)
                | u128::from(self.id_lo.first(doc).unwrap_or(0));
            let key = match spec.sort {
                ProductSort::Relevance => f64::from(score),
                ProductSort::PriceAsc | ProductSort::PriceDesc => price as f64,
                // Unrated products rank as 0, as `coalesce(rating_avg, 0)`.
                ProductSort::Rating => rating.unwrap_or(0.0),
                ProductSort::Newest | ProductSort::BestSelling => 0.0,
            };
            let hit = Hit::at(spec.sort, key, id, DocAddress::new(self.segment, doc));
            if spec.after.is_none_or(|cursor| hit < cursor) {
                if self.harvest.top.len() < spec.limit {
                    self.harvest.top.push(Reverse(hit));
                } else if let Some(Reverse(worst)) = self.harvest.top.peek()
                    && hit > *worst
                {
                    self.harvest.top.pop();
                    self.harvest.top.push(Reverse(hit));
                }
            }
        }
        if spec.facets {
            for ord in &self.ords {
                self.harvest.categories[*ord as usize] += 1;
            }
            if let Some(brand) = &self.brand {
                for ord in brand.term_ords(doc) {
                    self.harvest.brands[ord as usize] += 1;
                }
            }
            if let Some(currency) = currency {
                let scale = self.scales.get(currency as usize).copied().unwrap_or(100);
                self.harvest.prices[currency as usize * BUCKETS + price_bucket(scale, price)] += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let name = |column: &Option<StrColumn>, ord: u64| {
            let mut out = String::new();
            if let Some(column) = column {
                let _ = column.ord_to_str(ord, &mut out);
            }
            out
        };
        let h = self.harvest;
        SegmentHarvestOut {
            matched_any: h.matched_any,
            matched: h.matched,
            top: h.top.into_iter().map(|Reverse(hit)| hit).collect(),
            categories: counted(&h.categories)
                .map(|(o, n)| (name(&self.categories, o), n))
                .collect(),
            brands: counted(&h.brands)
                .map(|(o, n)| (name(&self.brand, o), n))
                .collect(),
            prices: counted(&h.prices)
                .map(|(i, n)| {
                    let (o, bucket) = (i / BUCKETS as u64, i as usize % BUCKETS);
                    ((name(&self.currency, o), bucket), n)
                })
                .collect(),
        }
    }
}

/// The non-zero counts of a dense count vector, with their index.
fn counted(counts: &[u64]) -> impl Iterator<Item = (u64, u64)> + '_ {
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (i as u64, *n))
}

/// Minor units in one major unit of `currency`.
fn minor_per_major(currency: &str) -> i64 {
    if ZERO_DECIMAL_CURRENCIES.contains(&currency) {
        1
    } else if THREE_DECIMAL_CURRENCIES.contains(&currency) {
        1_000
    } else {
        100
    }
}

/// The facet bucket of a price (as SQL's `width_bucket` over
/// [`PRICE_BUCKET_BOUNDS`] in major units): how many bounds it reaches.
fn price_bucket(scale: i64, minor: i64) -> usize {
    PRICE_BUCKET_BOUNDS
        .iter()
        .filter(|bound| minor >= *bound * scale)
        .count()
}

impl SearchIndex {
    /// Runs `collector` for `filter` off the async threads, once this
    /// replica's own writes are indexed; `None` when they are not in time,
    /// or the text has no word to search for.
    async fn collect(
        self: &Arc<Self>,
        filter: &ProductFilter,
        collector: Listing,
    ) -> anyhow::Result<Option<Harvest>> {
        if !self.fresh().await {
            return Ok(None);
        }
        let (this, filter) = (self.clone(), filter.clone());
        let found = tokio::task::spawn_blocking(move || this.run(&filter, &collector)).await??;
        Ok(found.map(|(harvest, _)| harvest))
    }
}

/// Whether the index can answer `filter`: it holds no attributes.
fn answerable(filter: &ProductFilter) -> bool {
    filter.attributes.is_empty()
}

impl SearchEngine for SearchIndex {
    fn changed(&self) {
        self.wanted.fetch_add(1, Ordering::SeqCst);
        self.wake.notify_one();
    }

    fn page<'a>(
        self: Arc<Self>,
        filter: &'a ProductFilter,
        sort: ProductSort,
        after: Option<&'a ListCursor>,
        limit: usize,
        facets: bool,
    ) -> BoxFuture<'a, anyhow::Result<Option<IndexPage>>> {
        Box::pin(async move {
            if sort == ProductSort::BestSelling || !answerable(filter) {
                return Ok(None);
            }
            let after = match after {
                None => None,
                Some(cursor) => match Hit::after(sort, cursor) {
                    Some(hit) => Some(hit),
                    // Not a key of this order: PostgreSQL says why.
                    None => return Ok(None),
                },
            };
            let mut collector = Listing::page(filter, sort, after, limit);
            collector.spec.facets = facets;
            let Some(mut harvest) = self.collect(filter, collector).await? else {
                return Ok(None);
            };
            Ok(Some(IndexPage {
                hits: harvest
                    .top
                    .iter()
                    .map(|hit| (hit.id(sort), hit.cursor_key(sort)))
                    .collect(),
                count: MatchCount::up_to_limit(harvest.matched as i64),
                facets: facets.then(|| harvest.facets()),
            }))
        })
    }

    fn count<'a>(
        self: Arc<Self>,
        filter: &'a ProductFilter,
    ) -> BoxFuture<'a, anyhow::Result<Option<MatchCount>>> {
        Box::pin(async move {
            if !answerable(filter) {
                return Ok(None);
            }
            let found = self.collect(filter, Listing::new(filter)).await?;
            Ok(found.map(|h| MatchCount::up_to_limit(h.matched as i64)))
        })
    }

    fn facets<'a>(
        self: Arc<Self>,
        filter: &'a ProductFilter,
    ) -> BoxFuture<'a, anyhow::Result<Option<Facets>>> {
        Box::pin(async move {
            if !answerable(filter) {
                return Ok(None);
            }
            let found = self.collect(filter, Listing::facets(filter)).await?;
            Ok(found.map(|mut h| h.facets()))
        })
    }

    fn correction<'a>(
        self: Arc<Self>,
        text: &'a str,
    ) -> BoxFuture<'a, anyhow::Result<Option<Option<String>>>> {
        Box::pin(async move {
            if !self.fresh().await {
                return Ok(None);
            }
            let text = text.to_string();
            let this = self.clone();
            Ok(Some(
                tokio::task::spawn_blocking(move || this.correct(&text)).await??,
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_fall_in_the_buckets_sql_would_put_them_in() {
        let bucket = |currency, minor| price_bucket(minor_per_major(currency), minor);
        assert_eq!(bucket("USD", 999), 0);
        assert_eq!(bucket("USD", 1_000), 1);
        assert_eq!(bucket("USD", 2_499), 1);
        assert_eq!(bucket("USD", 100_000), 7);
        assert_eq!(bucket("JPY", 1_000), 7);
        assert_eq!(bucket("JPY", 9), 0);
        assert_eq!(bucket("KWD", 10_000), 1);
    }

    #[test]
    fn categories_are_indexed_with_every_category_above_them() {
        let (root, mid, leaf, other) = (
            Uuid::from_u128(1),
            Uuid::from_u128(2),
            Uuid::from_u128(3),
            Uuid::from_u128(4),
        );
        let tree: Tree = [
            (root, None),
            (mid, Some(root)),
            (leaf, Some(mid)),
            (other, Some(root)),
        ]
        .into();
        assert_eq!(
            with_ancestors(&tree, &[leaf, other]),
            vec![leaf, mid, root, other]
        );
        assert_eq!(with_ancestors(&tree, &[]), Vec::<Uuid>::new());
    }

    #[test]
    fn short_words_must_be_spelled_right_and_long_ones_may_be_two_edits_off() {
        assert_eq!(typo_distance("tv"), 0);
        assert_eq!(typo_distance("lamp"), 1);
        assert_eq!(typo_distance("hedphones"), 2);
        assert_eq!(
            plain_words("Hedphones, hedphones!  USB-C"),
            ["hedphones", "usb", "c"]
        );
    }
}
