//! The `qari` binary: a thin wrapper around [`qari::cli::main`].

fn main() -> anyhow::Result<()> {
    qari::cli::main()
}
