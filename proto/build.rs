//! Compiles the service contracts in this folder with tonic's prost code
//! generator, and writes their descriptors for gRPC reflection.
//!
//! `protoc` is `proto/protoc` (`.cargo/config.toml` sets `PROTOC` for every
//! build script), which runs the binary of the `protoc-bin-vendored` build
//! dependency: no system package is needed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protos = [
        "user.proto",
        "product.proto",
        "order.proto",
        "notification.proto",
    ];
    for proto in protos {
        println!("cargo:rerun-if-changed={proto}");
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    tonic_prost_build::configure()
        .file_descriptor_set_path(out.join("shop_descriptor.bin"))
        .compile_protos(&protos, &["."])?;
    Ok(())
}
