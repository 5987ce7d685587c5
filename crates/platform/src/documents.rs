//! Parsed GraphQL documents, kept by their text.
//!
//! The router sends each subgraph the same few operation texts over and
//! over, with different variables; parsing one (pest, then async-graphql's
//! AST) was a fifth of the product subgraph's CPU on product detail. The
//! [`ParsedDocuments`] extension parses a text once and hands out copies
//! of the tree. Only parsing is skipped: validation, the complexity limit
//! (which reads `first` from the variables) and [`crate::limits`]'
//! checks still run on every request, and a text that does not parse is
//! never kept.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_graphql::ServerResult;
use async_graphql::Variables;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::ExecutableDocument;

/// Longest text kept: longer documents are parsed every time.
pub const MAX_KEPT_TEXT: usize = 32 * 1024;

/// Total text of the documents kept, in bytes (each parsed tree is a few
/// times its text).
pub const KEPT_TEXT_BUDGET: u64 = 2 * 1024 * 1024;

/// The schema extension; clones share one cache.
#[derive(Clone)]
pub struct ParsedDocuments(Arc<Inner>);

struct Inner {
    documents: moka::future::Cache<Arc<str>, Arc<ExecutableDocument>>,
    parses: AtomicU64,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        Self(Arc::new(Inner {
            documents: moka::future::Cache::builder()
                .weigher(|text: &Arc<str>, _| u32::try_from(text.len()).unwrap_or(u32::MAX))
                .max_capacity(KEPT_TEXT_BUDGET)
                .build(),
            parses: AtomicU64::new(0),
        }))
    }
}

impl ParsedDocuments {
    /// How many documents this cache has had parsed (its misses).
    pub fn parses(&self) -> u64 {
        self.0.parses.load(Ordering::Relaxed)
    }
}

impl ExtensionFactory for ParsedDocuments {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for ParsedDocuments {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        if let Some(document) = self.0.documents.get(query).await {
            return Ok(ExecutableDocument::clone(&document));
        }
        self.0.parses.fetch_add(1, Ordering::Relaxed);
        let document = next.run(ctx, query, variables).await?;
        if query.len() <= MAX_KEPT_TEXT {
            self.0
                .documents
                .insert(Arc::from(query), Arc::new(document.clone()))
                .await;
        }
        Ok(document)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Request, Schema};
    use serde_json::json;

    use super::*;

    struct Query;

    #[Object]
    impl Query {
        async fn echo(&self, n: i32) -> i32 {
            n
        }
    }

    #[tokio::test]
    async fn a_text_is_parsed_once_and_every_request_still_checked() {
        let documents = ParsedDocuments::default();
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(crate::limits::OperationLimits)
            .extension(documents.clone())
            .finish();
        let text = "query($n: Int!) { echo(n: $n) }";
        for n in 1..=3 {
            let variables = Variables::from_json(json!({ "n": n }));
            let response = schema
                .execute(Request::new(text).variables(variables))
                .await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            assert_eq!(response.data.into_json().unwrap(), json!({ "echo": n }));
        }
        assert_eq!(documents.parses(), 1, "the same text, three variables");
        let response = schema.execute("{ a: echo(n: 1) b: echo(n: 2) }").await;
        assert!(response.errors.is_empty());
        assert_eq!(documents.parses(), 2);

        // Validation runs on a kept document: a missing variable is an
        // error every time.
        for _ in 0..2 {
            let response = schema.execute(Request::new(text)).await;
            assert!(!response.errors.is_empty());
        }
        assert_eq!(documents.parses(), 2);

        // The shape limits run on a kept document: too many root fields is
        // refused on the first request and on the kept copy.
        let wide = format!(
            "{{ {} }}",
            (0..=crate::limits::MAX_QUERY_ROOT_FIELDS)
                .map(|i| format!("f{i}: echo(n: {i})"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for _ in 0..2 {
            let response = schema.execute(wide.as_str()).await;
            assert_eq!(response.errors.len(), 1, "{:?}", response.errors);
        }
        assert_eq!(documents.parses(), 3);

        // A text that does not parse is never kept.
        for _ in 0..2 {
            let response = schema.execute("{ echo(n: ").await;
            assert!(!response.errors.is_empty());
        }
        assert_eq!(documents.parses(), 5);
    }
}
