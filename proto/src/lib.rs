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

/// The encoded descriptors of every service here, for gRPC reflection
/// (`grpcurl list` works without the `.proto` files).
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("shop_descriptor");

/// The methods that only read, by their gRPC path: a caller may send one
/// again after a transport failure or `UNAVAILABLE` without changing
/// anything (`platform::breaker` retries these, within a budget). Every
/// other method writes, and is retried only by callers that hold an
/// idempotency key.
pub const READ_ONLY_METHODS: &[&str] = &[
    "/shop.user.v1.UserService/VerifyToken",
    "/shop.user.v1.UserService/GetUser",
    "/shop.user.v1.UserService/GetUsers",
    "/shop.user.v1.UserService/GetAddress",
    "/shop.user.v1.UserService/ListUsersWithRole",
    "/shop.user.v1.UserService/ListWishlisters",
    "/shop.product.v1.ProductService/GetProducts",
    "/shop.product.v1.ProductService/CheckAvailability",
    "/shop.product.v1.ProductService/GetProduct",
    "/shop.product.v1.ProductService/ListProducts",
    "/shop.order.v1.OrderService/HasPurchased",
    "/shop.order.v1.OrderService/GetOrder",
    "/shop.order.v1.OrderService/ListOrders",
    "/shop.notification.v1.NotificationService/CountUnread",
    "/shop.notification.v1.NotificationService/ListDeliveries",
];

#[cfg(test)]
mod tests {
    /// Every method of the four services, as `/<package>.<Service>/<Method>`.
    fn methods() -> Vec<String> {
        let files = [
            include_str!("../user.proto"),
            include_str!("../product.proto"),
            include_str!("../order.proto"),
            include_str!("../notification.proto"),
        ];
        let mut all = Vec::new();
        for text in files {
            let package = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("package "))
                .map(|p| p.trim_end_matches(';').trim())
                .expect("a package");
            let mut service = "";
            for line in text.lines().map(str::trim) {
                if let Some(rest) = line.strip_prefix("service ") {
                    service = rest.split_whitespace().next().unwrap_or("");
                }
                if let Some(rest) = line.strip_prefix("rpc ") {
                    let name = rest.split('(').next().unwrap_or("").trim();
                    all.push(format!("/{package}.{service}/{name}"));
                }
            }
        }
        all
    }

    #[test]
    fn the_read_only_list_names_real_methods_and_every_reader_by_its_name() {
        let methods = methods();
        assert!(methods.len() >= 28, "{methods:?}");
        for listed in super::READ_ONLY_METHODS {
            assert!(methods.iter().any(|m| m == listed), "{listed} is no method");
        }
        // A new method named like a read must be listed (or renamed).
        let reads = ["Get", "List", "Has", "Verify", "Count", "Check"];
        for method in &methods {
            let name = method.rsplit('/').next().unwrap_or("");
            let looks_read = reads.iter().any(|r| name.starts_with(r));
            assert_eq!(
                looks_read,
                super::READ_ONLY_METHODS.contains(&method.as_str()),
                "{method}: read-only by its name, or listed, but not both"
            );
        }
    }
}
