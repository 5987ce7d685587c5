//! Shipments and their tracking events.

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::OrderStore;
use crate::domain::{Shipment, ShipmentEvent, ShipmentStatus};
use crate::error::Result;

impl OrderStore {
    /// Marks the order's shipment delivered.
    pub async fn set_delivered(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
    ) -> Result<()> {
        sqlx::query("UPDATE orders SET delivered_at = now() WHERE id = $1")
            .bind(order_id)
            .execute(self.db.counted(&mut **tx))
            .await?;
        sqlx::query(
            "UPDATE shipments SET status = 'DELIVERED', delivered_at = now() WHERE order_id = $1",
        )
        .bind(order_id)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Records a shipment.
    pub async fn insert_shipment(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        carrier: &str,
        tracking_number: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO shipments (order_id, carrier, tracking_number, status) VALUES ($1, $2, $3, 'IN_TRANSIT')",
        )
        .bind(order_id)
        .bind(carrier)
        .bind(tracking_number)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Adds a tracking event to a shipment.
    pub async fn add_shipment_event(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        status: &str,
        description: &str,
        location: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO shipment_events (order_id, status, description, location) \
             SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM shipments WHERE order_id = $1)",
        )
        .bind(order_id)
        .bind(status)
        .bind(description)
        .bind(location)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Shipments of `order_ids` with their events (two statements).
    pub async fn shipments(&self, order_ids: &[Uuid]) -> Result<Vec<Shipment>> {
        let rows: Vec<(Uuid, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT order_id, carrier, tracking_number, status, shipped_at, delivered_at FROM shipments WHERE order_id = ANY($1)",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let events: Vec<(Uuid, String, String, Option<String>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT order_id, status, description, location, at FROM shipment_events WHERE order_id = ANY($1) ORDER BY id",
        )
        .bind(order_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(order_id, carrier, tracking_number, status, shipped_at, delivered_at)| Shipment {
                    order_id,
                    carrier,
                    tracking_number,
                    status: if status == "DELIVERED" {
                        ShipmentStatus::Delivered
                    } else {
                        ShipmentStatus::InTransit
                    },
                    shipped_at,
                    delivered_at,
                    events: events
                        .iter()
                        .filter(|e| e.0 == order_id)
                        .map(|(_, status, description, location, at)| ShipmentEvent {
                            status: status.clone(),
                            description: description.clone(),
                            location: location.clone(),
                            at: *at,
                        })
                        .collect(),
                },
            )
            .collect())
    }
}
