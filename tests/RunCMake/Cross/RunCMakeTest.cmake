# Cases of the toolchain files and of cross releases (need the aarch64 cross
# compiler and arm64 zlib, which scripts/bootstrap installs).
release_add_runcmake_cases(Cross
  UnknownTriple MissingCompiler WrongArchSkipped WrongArchOnly WrongArchLibraries)
