//! Each user's address book.

use platform::error::is_constraint_violation;
use uuid::Uuid;

use super::UserStore;
use crate::domain::{Address, AddressFields};
use crate::error::{Error, Result};

#[derive(sqlx::FromRow)]
struct AddressRow {
    id: Uuid,
    user_id: Uuid,
    recipient: String,
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: String,
    country: String,
    phone: Option<String>,
    is_default: bool,
}

impl From<AddressRow> for Address {
    fn from(row: AddressRow) -> Self {
        Address {
            id: row.id,
            user_id: row.user_id,
            fields: AddressFields {
                recipient: row.recipient,
                line1: row.line1,
                line2: row.line2,
                city: row.city,
                region: row.region,
                postal_code: row.postal_code,
                country: row.country,
                phone: row.phone,
            },
            is_default: row.is_default,
        }
    }
}

type AddressQuery<'q> =
    sqlx::query::QueryAs<'q, sqlx::Postgres, AddressRow, sqlx::postgres::PgArguments>;

/// Binds an address's fields as parameters $3 to $10, in column order
/// (recipient, line1, line2, city, region, postal_code, country, phone).
fn bind_address<'q>(query: AddressQuery<'q>, fields: &'q AddressFields) -> AddressQuery<'q> {
    query
        .bind(&fields.recipient)
        .bind(&fields.line1)
        .bind(&fields.line2)
        .bind(&fields.city)
        .bind(&fields.region)
        .bind(&fields.postal_code)
        .bind(&fields.country)
        .bind(&fields.phone)
}

const ADDRESS_COLUMNS: &str =
    "id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default";

impl UserStore {
    /// Every address of each user in `user_ids`, default first.
    pub async fn addresses_of(&self, user_ids: &[Uuid]) -> Result<Vec<Address>> {
        let rows = sqlx::query_as::<_, AddressRow>(&format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = ANY($1) ORDER BY user_id, is_default DESC, created_at, id"
        ))
        .bind(user_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows.into_iter().map(Address::from).collect())
    }

    /// One of `user_id`'s addresses.
    pub async fn address(&self, user_id: Uuid, id: Uuid) -> Result<Option<Address>> {
        let row = sqlx::query_as::<_, AddressRow>(&format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = $1 AND user_id = $2"
        ))
        .bind(id)
        .bind(user_id)
        .fetch_optional(self.db.exec())
        .await?;
        Ok(row.map(Address::from))
    }

    /// Adds an address; the user's first address becomes the default.
    pub async fn insert_address(
        &self,
        user_id: Uuid,
        id: Uuid,
        fields: &AddressFields,
    ) -> Result<Address> {
        let sql = format!(
            "INSERT INTO addresses (id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = $2)) \
             RETURNING {ADDRESS_COLUMNS}"
        );
        let query = sqlx::query_as::<_, AddressRow>(&sql).bind(id).bind(user_id);
        let row = bind_address(query, fields)
            .fetch_one(self.db.exec())
            .await
            .map_err(|e| {
                if is_constraint_violation(&e, "addresses_one_default_idx") {
                    Error::Conflict("address book changed concurrently, try again")
                } else {
                    e.into()
                }
            })?;
        Ok(row.into())
    }

    /// Replaces one of `user_id`'s addresses; `None` if it is not theirs.
    pub async fn update_address(
        &self,
        user_id: Uuid,
        id: Uuid,
        fields: &AddressFields,
    ) -> Result<Option<Address>> {
        let sql = format!(
            "UPDATE addresses SET recipient = $3, line1 = $4, line2 = $5, city = $6, region = $7, postal_code = $8, country = $9, phone = $10, updated_at = now() \
             WHERE id = $1 AND user_id = $2 RETURNING {ADDRESS_COLUMNS}"
        );
        let query = sqlx::query_as::<_, AddressRow>(&sql).bind(id).bind(user_id);
        let row = bind_address(query, fields)
            .fetch_optional(self.db.exec())
            .await?;
        Ok(row.map(Address::from))
    }

    /// Deletes one of `user_id`'s addresses; `false` if it was not there.
    pub async fn delete_address(&self, user_id: Uuid, id: Uuid) -> Result<bool> {
        let deleted = sqlx::query("DELETE FROM addresses WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(self.db.exec())
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Makes one address the default, in one statement (the partial unique
    /// index is checked at the end of it).
    pub async fn set_default_address(&self, user_id: Uuid, id: Uuid) -> Result<bool> {
        let updated = sqlx::query(
            "UPDATE addresses SET is_default = (id = $1), updated_at = now() \
             WHERE user_id = $2 AND EXISTS (SELECT 1 FROM addresses WHERE id = $1 AND user_id = $2)",
        )
        .bind(id)
        .bind(user_id)
        .execute(self.db.exec())
        .await
        .map_err(|e| if is_constraint_violation(&e, "addresses_one_default_idx") { Error::Conflict("address book changed concurrently, try again") } else { e.into() })?;
        Ok(updated.rows_affected() > 0)
    }
}
