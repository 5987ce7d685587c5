//! Return requests and their lines.

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::{OrderStore, corrupt};
use crate::domain::{ReturnLine, ReturnRequest, ReturnStatus};
use crate::error::{Error, Result};

type ReturnRow = (
    Uuid,
    Uuid,
    String,
    String,
    sqlx::types::Json<Vec<ReturnLine>>,
    DateTime<Utc>,
);

fn return_request(
    (id, order_id, status, reason, lines, created_at): ReturnRow,
) -> Result<ReturnRequest> {
    Ok(ReturnRequest {
        id,
        order_id,
        status: ReturnStatus::parse(&status)
            .ok_or_else(|| corrupt(format!("return status {status:?}")))?,
        reason,
        lines: lines.0,
        created_at,
    })
}

impl OrderStore {
    /// Records a return request.
    pub async fn insert_return(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        request: &ReturnRequest,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO returns (id, order_id, status, reason, lines, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(request.id)
        .bind(request.order_id)
        .bind(request.status.as_str())
        .bind(&request.reason)
        .bind(sqlx::types::Json(&request.lines))
        .bind(request.created_at)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Returns of `order_ids`, oldest first (one statement).
    pub async fn returns(&self, order_ids: &[Uuid]) -> Result<Vec<ReturnRequest>> {
        let rows: Vec<ReturnRow> = sqlx::query_as(
            "SELECT id, order_id, status, reason, lines, created_at FROM returns WHERE order_id = ANY($1) ORDER BY created_at, id",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter().map(return_request).collect()
    }

    /// One return; `NOT_FOUND` when it does not exist.
    pub async fn return_by_id(&self, id: Uuid) -> Result<ReturnRequest> {
        let row: Option<ReturnRow> = sqlx::query_as(
            "SELECT id, order_id, status, reason, lines, created_at FROM returns WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.db.exec())
        .await?;
        return_request(row.ok_or(Error::Missing {
            what: "return",
            field: "returnId",
        })?)
    }

    /// Moves a return from `from` to `to` inside `tx`; false when it was no
    /// longer `from`.
    pub async fn set_return_status(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        id: Uuid,
        from: ReturnStatus,
        to: ReturnStatus,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE returns SET status = $3, updated_at = clock_timestamp() WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(self.db.counted(&mut **tx))
            .await?
            .rows_affected()
            == 1)
    }
}
