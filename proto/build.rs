//! Compiles the service contracts in this folder with tonic's prost code generator.
//! It needs `protoc`: install Debian's `protobuf-compiler`, or set `PROTOC`.

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
    tonic_prost_build::configure().compile_protos(&protos, &["."])?;
    Ok(())
}
