//! The cart's SQL: one row per line, per user.

use chrono::{DateTime, Utc};
use platform::money::Money;
use uuid::Uuid;

use super::{OrderStore, currency};
use crate::domain::{CartLine, MAX_CART_LINES, MAX_QUANTITY};
use crate::error::{Error, Result};

type CartRow = (Uuid, Uuid, i32, i64, String, DateTime<Utc>);

fn cart_line((id, product_id, quantity, price, code, added_at): CartRow) -> Result<CartLine> {
    Ok(CartLine {
        id,
        product_id,
        quantity: quantity.into(),
        added_price: Money::from_minor(price, currency(&code)?),
        added_at,
    })
}

impl OrderStore {
    /// A user's cart, oldest line first (one statement).
    pub async fn cart(&self, user_id: Uuid) -> Result<Vec<CartLine>> {
        let rows: Vec<CartRow> = sqlx::query_as(
            "SELECT id, product_id, quantity, added_price_minor, currency, added_at FROM cart_lines \
             WHERE user_id = $1 ORDER BY added_at, id",
        )
        .bind(user_id)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(cart_line).collect()
    }

    /// Adds `quantity` units of a product: a new line at `price`, or more of
    /// an existing line. The user's cart is locked for the check, so
    /// concurrent adds cannot pass 100 lines or 99 units.
    pub async fn add_to_cart(
        &self,
        user_id: Uuid,
        product_id: Uuid,
        quantity: i64,
        price: &Money,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 5))")
            .bind(user_id)
            .execute(self.db.counted(&mut *tx))
            .await?;
        let rows: Vec<CartRow> = sqlx::query_as(
            "SELECT id, product_id, quantity, added_price_minor, currency, added_at FROM cart_lines WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_all(self.db.counted(&mut *tx))
        .await?;
        let lines = rows
            .into_iter()
            .map(cart_line)
            .collect::<Result<Vec<_>>>()?;
        if let Some(other) = lines
            .iter()
            .find(|l| l.added_price.currency != price.currency)
        {
            return Err(Error::invalid(
                "productId",
                format!(
                    "the cart holds {} prices; a product priced in {} cannot join it",
                    other.added_price.currency, price.currency
                ),
            ));
        }
        match lines.iter().find(|l| l.product_id == product_id) {
            Some(line) => {
                if line.quantity + quantity > MAX_QUANTITY {
                    return Err(Error::invalid(
                        "quantity",
                        format!(
                            "a cart line holds at most {MAX_QUANTITY} units; this one has {}",
                            line.quantity
                        ),
                    ));
                }
                sqlx::query("UPDATE cart_lines SET quantity = quantity + $2 WHERE id = $1")
                    .bind(line.id)
                    .bind(quantity as i32)
                    .execute(self.db.counted(&mut *tx))
                    .await?;
            }
            None => {
                if lines.len() >= MAX_CART_LINES {
                    return Err(Error::invalid(
                        "productId",
                        format!("a cart holds at most {MAX_CART_LINES} different products"),
                    ));
                }
                sqlx::query(
                    "INSERT INTO cart_lines (id, user_id, product_id, quantity, added_price_minor, currency) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(Uuid::now_v7())
                .bind(user_id)
                .bind(product_id)
                .bind(quantity as i32)
                .bind(price.amount_minor)
                .bind(price.currency.as_str())
                .execute(self.db.counted(&mut *tx))
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sets a line's quantity (1 to 99); `NOT_FOUND` when the line is not the
    /// user's.
    pub async fn set_cart_quantity(
        &self,
        user_id: Uuid,
        line_id: Uuid,
        quantity: i64,
    ) -> Result<()> {
        let updated =
            sqlx::query("UPDATE cart_lines SET quantity = $3 WHERE id = $1 AND user_id = $2")
                .bind(line_id)
                .bind(user_id)
                .bind(quantity as i32)
                .execute(self.db.exec())
                .await?
                .rows_affected();
        if updated == 0 {
            return Err(missing_line());
        }
        Ok(())
    }

    /// Removes a line; `NOT_FOUND` when it is not the user's.
    pub async fn remove_cart_line(&self, user_id: Uuid, line_id: Uuid) -> Result<()> {
        let deleted = sqlx::query("DELETE FROM cart_lines WHERE id = $1 AND user_id = $2")
            .bind(line_id)
            .bind(user_id)
            .execute(self.db.exec())
            .await?
            .rows_affected();
        if deleted == 0 {
            return Err(missing_line());
        }
        Ok(())
    }

    /// Takes the lines a paid checkout bought out of the cart, inside `tx`.
    /// Lines added since the checkout started stay.
    pub async fn remove_cart_lines(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        user_id: Uuid,
        line_ids: &[Uuid],
    ) -> Result<()> {
        sqlx::query("DELETE FROM cart_lines WHERE user_id = $1 AND id = ANY($2)")
            .bind(user_id)
            .bind(line_ids)
            .execute(self.db.counted(&mut **tx))
            .await?;
        Ok(())
    }

    /// Removes every line of the cart.
    pub async fn clear_cart(&self, user_id: Uuid) -> Result<()> {
        sqlx::query("DELETE FROM cart_lines WHERE user_id = $1")
            .bind(user_id)
            .execute(self.db.exec())
            .await?;
        Ok(())
    }
}

fn missing_line() -> Error {
    Error::Missing {
        what: "cart line",
        field: "lineId",
    }
}
