//! Limits on the shape of an operation, checked right after it is parsed and
//! before anything runs. The router's own limits on aliases and root fields
//! need a license, so each subgraph enforces them:
//!
//! - at most [`MAX_QUERY_ROOT_FIELDS`] root fields in a query and
//!   [`MAX_MUTATION_ROOT_FIELDS`] in a mutation: 300 aliased `register`
//!   fields in one request would be 300 password hashes;
//! - at most [`MAX_ALIASES`] aliases in a document;
//! - at most [`MAX_REPRESENTATIONS`] entity references in one `_entities`
//!   call.
//!
//! Depth and complexity (which counts list sizes: `first: 100` costs a
//! hundred times its child) are limited by the schema itself; see
//! [`limited`].

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{
    ObjectType, Pos, SchemaBuilder, ServerError, ServerResult, SubscriptionType, Value, Variables,
};

use crate::ApiError;

/// Most root fields in one query.
pub const MAX_QUERY_ROOT_FIELDS: usize = 20;
/// Most root fields in one mutation (each may hash a password or send mail).
pub const MAX_MUTATION_ROOT_FIELDS: usize = 10;
/// Most aliases in one document.
pub const MAX_ALIASES: usize = 50;
/// Most entity references in one `_entities` call. The router sends one call
/// per subgraph and level of a plan; a page of 100 orders of 20 lines needs
/// 2,000 product references.
pub const MAX_REPRESENTATIONS: usize = 2_000;

/// The complexity of a list field with `first: n`: one for the field, and
/// `n` (at least one, at most 100) times its selection, so that a page of
/// 100 costs what 100 single fetches would.
pub fn list_cost(first: i32, child_complexity: usize) -> usize {
    let n = first.clamp(1, 100) as usize;
    1 + n.saturating_mul(child_complexity)
}

/// Applies every limit a subgraph schema has: depth, complexity, and the
/// [`OperationLimits`] extension; and keeps parsed documents
/// ([`crate::documents::ParsedDocuments`]).
pub fn limited<Q, M, S>(builder: SchemaBuilder<Q, M, S>) -> SchemaBuilder<Q, M, S>
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    builder
        .limit_depth(crate::server::MAX_DEPTH)
        .limit_complexity(crate::server::MAX_COMPLEXITY)
        .extension(OperationLimits)
        // Inside OperationLimits, so that its checks see every request.
        .extension(crate::documents::ParsedDocuments::default())
}

/// The schema extension that checks root fields, aliases and entity
/// references of every parsed document.
pub struct OperationLimits;

impl ExtensionFactory for OperationLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationLimitsExtension)
    }
}

struct OperationLimitsExtension;

#[async_graphql::async_trait::async_trait]
impl Extension for OperationLimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        check(&document, variables)?;
        Ok(document)
    }
}

fn refuse(message: String, pos: Pos) -> ServerError {
    async_graphql::Error::from(ApiError::bad_input(message).with_detail("limit", "OPERATION_SHAPE"))
        .into_server_error(pos)
}

/// Checks `document` against the limits.
pub fn check(document: &ExecutableDocument, variables: &Variables) -> ServerResult<()> {
    for (_, operation) in document.operations.iter() {
        let (limit, kind) = match operation.node.ty {
            OperationType::Mutation => (MAX_MUTATION_ROOT_FIELDS, "mutation"),
            _ => (MAX_QUERY_ROOT_FIELDS, "query"),
        };
        let mut roots = Vec::new();
        root_fields(
            document,
            &operation.node.selection_set.node,
            &mut HashSet::new(),
            &mut roots,
        );
        if roots.len() > limit {
            return Err(refuse(
                format!(
                    "a {kind} may have at most {limit} root fields (aliases included); this one has {}",
                    roots.len()
                ),
                operation.pos,
            ));
        }
        for field in roots {
            if field.name.node.as_str() != "_entities" {
                continue;
            }
            let count = field
                .arguments
                .iter()
                .find(|(name, _)| name.node.as_str() == "representations")
                .map(|(_, value)| {
                    let value = value
                        .node
                        .clone()
                        .into_const_with(|name| variables.get(&name).cloned().ok_or(()));
                    match value {
                        Ok(Value::List(items)) => items.len(),
                        _ => 0,
                    }
                })
                .unwrap_or(0);
            if count > MAX_REPRESENTATIONS {
                return Err(refuse(
                    format!(
                        "_entities takes at most {MAX_REPRESENTATIONS} representations; got {count}"
                    ),
                    field.name.pos,
                ));
            }
        }
    }
    let mut aliases = 0;
    for (_, operation) in document.operations.iter() {
        aliases += count_aliases(&operation.node.selection_set.node);
    }
    for fragment in document.fragments.values() {
        aliases += count_aliases(&fragment.node.selection_set.node);
    }
    if aliases > MAX_ALIASES {
        return Err(refuse(
            format!("a document may have at most {MAX_ALIASES} aliases; this one has {aliases}"),
            Pos::default(),
        ));
    }
    Ok(())
}

/// The fields selected at the root, through fragments (each fragment once,
/// so a cycle, which validation rejects later, cannot loop here).
fn root_fields<'a>(
    document: &'a ExecutableDocument,
    selection_set: &'a SelectionSet,
    seen: &mut HashSet<&'a str>,
    out: &mut Vec<&'a async_graphql::parser::types::Field>,
) {
    for selection in &selection_set.items {
        match &selection.node {
            Selection::Field(field) => out.push(&field.node),
            Selection::InlineFragment(fragment) => {
                root_fields(document, &fragment.node.selection_set.node, seen, out)
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                if seen.insert(name)
                    && let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node)
                {
                    root_fields(document, &fragment.node.selection_set.node, seen, out);
                }
            }
        }
    }
}

fn count_aliases(selection_set: &SelectionSet) -> usize {
    selection_set
        .items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => count_aliases(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(query: &str, variables: serde_json::Value) -> Result<(), String> {
        let document = async_graphql::parser::parse_query(query).unwrap();
        let variables = Variables::from_json(variables);
        check(&document, &variables).map_err(|e| e.message)
    }

    #[test]
    fn many_aliased_mutations_are_refused() {
        let fields: String = (0..11)
            .map(|i| {
                format!(
                    "r{i}: register(email: \"a{i}@x.io\", password: \"p\", name: \"n\") {{ id }} "
                )
            })
            .collect();
        let err = checked(&format!("mutation {{ {fields} }}"), serde_json::json!({})).unwrap_err();
        assert!(err.contains("at most 10 root fields"), "{err}");
        let ten: String = (0..10).map(|i| format!("r{i}: me {{ id }} ")).collect();
        assert!(checked(&format!("mutation {{ {ten} }}"), serde_json::json!({})).is_ok());
    }

    #[test]
    fn root_fields_are_counted_through_fragments() {
        let fields: String = (0..21).map(|i| format!("f{i}: me {{ id }} ")).collect();
        let query =
            format!("query {{ ...F }} fragment F on Query {{ ... on Query {{ {fields} }} }}");
        assert!(checked(&query, serde_json::json!({})).is_err());
        // A fragment spread twice is counted once, and a cycle ends.
        let query = "query { ...F ...F } fragment F on Query { me { id } ...F }";
        assert!(checked(query, serde_json::json!({})).is_ok());
    }

    #[test]
    fn aliases_are_counted_everywhere() {
        let inner: String = (0..51).map(|i| format!("a{i}: id ")).collect();
        assert!(checked(&format!("{{ me {{ {inner} }} }}"), serde_json::json!({})).is_err());
        let inner: String = (0..50).map(|i| format!("a{i}: id ")).collect();
        assert!(checked(&format!("{{ me {{ {inner} }} }}"), serde_json::json!({})).is_ok());
    }

    #[test]
    fn representations_are_capped_in_variables_and_literals() {
        let query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }";
        let many: Vec<_> = (0..=MAX_REPRESENTATIONS)
            .map(|_| serde_json::json!({ "__typename": "User", "id": "x" }))
            .collect();
        assert!(checked(query, serde_json::json!({ "r": many })).is_err());
        assert!(
            checked(
                query,
                serde_json::json!({ "r": many[..MAX_REPRESENTATIONS] })
            )
            .is_ok()
        );
        let literal: String = (0..=MAX_REPRESENTATIONS)
            .map(|_| "{ __typename: \"User\", id: \"x\" } ")
            .collect();
        let query = format!("{{ _entities(representations: [{literal}]) {{ __typename }} }}");
        assert!(checked(&query, serde_json::json!({})).is_err());
    }
}
