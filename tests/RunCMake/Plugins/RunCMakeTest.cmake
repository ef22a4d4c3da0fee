# Cases of add_release_plugins(): its configure-time errors (each names the
# caller's line in the call stack) and the build-time ones.
release_add_runcmake_cases(Plugins
  UnknownRelease NoDestination AbsoluteDestination EscapingDestination UnsafeDestination
  BinDestination ReleasesDestination RootDestination LibDestination NotATarget NotSharedTarget
  ExecutableTarget NoPlugins UnknownKeyword KeywordAfterTargets SameName SameNameFiles
  FileNotShared FileExecutable FileMissing ClashesProgram)
