//! SQL for the category tree.

use std::collections::HashMap;

use uuid::Uuid;

use super::ProductStore;
use crate::domain::Category;
use crate::error::{Error, Result};
use platform::error::is_constraint_violation;

/// Every category with its path from the root (names and slugs), computed
/// by one recursive query.
const TREE: &str = "WITH RECURSIVE tree AS ( \
       SELECT id, parent_id, name, slug, ARRAY[name] AS names, ARRAY[slug] AS slugs FROM categories WHERE parent_id IS NULL \
       UNION ALL \
       SELECT c.id, c.parent_id, c.name, c.slug, t.names || c.name, t.slugs || c.slug FROM categories c JOIN tree t ON c.parent_id = t.id) ";

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    slug: String,
    names: Vec<String>,
    slugs: Vec<String>,
}

impl From<Row> for Category {
    fn from(r: Row) -> Self {
        Category {
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
            slug: r.slug,
            path_names: r.names,
            path_slugs: r.slugs,
        }
    }
}

fn conflict(err: sqlx::Error) -> Error {
    if is_constraint_violation(&err, "categories_slug_key") {
        Error::Conflict {
            field: "slug",
            message: "another category has this slug".into(),
        }
    } else {
        err.into()
    }
}

impl ProductStore {
    /// Every category with its path, by name (one statement). The tree is
    /// small and read whole, so the cache can hold it as one entry.
    pub async fn category_tree(&self) -> Result<Vec<Category>> {
        let rows = sqlx::query_as::<_, Row>(&format!(
            "{TREE} SELECT id, parent_id, name, slug, names, slugs FROM tree ORDER BY name, id"
        ))
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(Category::from).collect())
    }

    /// Whether category `id` exists. One statement.
    pub async fn category_exists(&self, id: Uuid) -> Result<bool> {
        Ok(
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1)")
                .bind(id)
                .fetch_one(self.db.exec())
                .await?,
        )
    }

    /// Inserts a category.
    pub async fn insert_category(
        &self,
        id: Uuid,
        parent_id: Option<Uuid>,
        name: &str,
        slug: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO categories (id, parent_id, name, slug) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(parent_id)
            .bind(name)
            .bind(slug)
            .execute(self.db.exec())
            .await
            .map_err(|e| {
                if is_constraint_violation(&e, "categories_parent_id_fkey") {
                    Error::invalid("parentId", "no such parent category")
                } else {
                    conflict(e)
                }
            })?;
        Ok(())
    }

    /// Renames a category; `false` if it does not exist.
    pub async fn rename_category(&self, id: Uuid, name: &str, slug: Option<&str>) -> Result<bool> {
        let updated =
            sqlx::query("UPDATE categories SET name = $2, slug = COALESCE($3, slug) WHERE id = $1")
                .bind(id)
                .bind(name)
                .bind(slug)
                .execute(self.db.exec())
                .await
                .map_err(conflict)?;
        Ok(updated.rows_affected() == 1)
    }

    /// Moves a category under `parent_id` (or to the root), refusing to put
    /// it under itself or one of its descendants, in one statement.
    /// `Ok(false)`: no such category, or the move would make a cycle.
    pub async fn move_category(&self, id: Uuid, parent_id: Option<Uuid>) -> Result<bool> {
        let moved = sqlx::query(
            "WITH RECURSIVE below AS (SELECT id FROM categories WHERE id = $1 \
               UNION ALL SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id) \
             UPDATE categories SET parent_id = $2 WHERE id = $1 AND ($2::uuid IS NULL OR $2 NOT IN (SELECT id FROM below))",
        )
        .bind(id)
        .bind(parent_id)
        .execute(self.db.exec())
        .await
        .map_err(|e| if is_constraint_violation(&e, "categories_parent_id_fkey") { Error::invalid("parentId", "no such parent category") } else { e.into() })?;
        Ok(moved.rows_affected() == 1)
    }

    /// Replaces a product's categories.
    pub async fn set_product_categories(
        &self,
        product_id: Uuid,
        categories: &[Uuid],
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        sqlx::query("DELETE FROM product_categories WHERE product_id = $1")
            .bind(product_id)
            .execute(self.db.counted(&mut *tx))
            .await?;
        sqlx::query("INSERT INTO product_categories (product_id, category_id) SELECT $1, unnest($2::uuid[])")
            .bind(product_id)
            .bind(categories)
            .execute(self.db.counted(&mut *tx))
            .await
            .map_err(|e| if is_constraint_violation(&e, "product_categories_category_id_fkey") { Error::invalid("categoryIds", "no such category") } else { e.into() })?;
        tx.commit().await?;
        Ok(())
    }

    /// Each product's category ids, in one statement.
    pub async fn categories_of(&self, products: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>> {
        let rows: Vec<(Uuid, Uuid)> = sqlx::query_as("SELECT product_id, category_id FROM product_categories WHERE product_id = ANY($1) ORDER BY category_id")
            .bind(products)
            .fetch_all(self.db.exec())
            .await?;
        let mut by_product: HashMap<Uuid, Vec<Uuid>> =
            products.iter().map(|p| (*p, Vec::new())).collect();
        for (product, category) in rows {
            by_product.entry(product).or_default().push(category);
        }
        Ok(by_product)
    }
}
