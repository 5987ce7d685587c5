//! The Redis cache.
