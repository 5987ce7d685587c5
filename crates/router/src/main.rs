fn main() -> anyhow::Result<()> { apollo_router::main() }
