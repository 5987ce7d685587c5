//! # The gRPC contracts between the shop services
//!
//! One module per `.proto` file in this crate's folder, each holding the
//! messages, a client (`*_service_client`) and a server trait
//! (`*_service_server`). Code writes `use proto::product::{...}`.

/// `proto/user.proto`: `UserService` (tokens and users).
#[allow(missing_docs)] // generated; the `.proto` file documents it
pub mod user {
    tonic::include_proto!("shop.user.v1");
}

/// `proto/product.proto`: `ProductService` (prices and stock).
#[allow(missing_docs)] // generated; the `.proto` file documents it
pub mod product {
    tonic::include_proto!("shop.product.v1");
}

/// `proto/order.proto`: `OrderService` (purchase history).
#[allow(missing_docs)] // generated; the `.proto` file documents it
pub mod order {
    tonic::include_proto!("shop.order.v1");
}

/// `proto/notification.proto`: `NotificationService` (unread counts and
/// delivery records).
#[allow(missing_docs)] // generated; the `.proto` file documents it
pub mod notification {
    tonic::include_proto!("shop.notification.v1");
}
