fn main() -> std::process::ExitCode {
    patctl::cli::main()
}
