# Cases of the launcher keywords: every configure-time error, and a native
# release built and checked.
release_add_runcmake_cases(Launcher
  BadLauncher NativeWithoutCxx EntryPointNotProgram EntryPointReleaseName EntryPointTwice
  BeforeStartNotProgram BeforeStartEmpty BeforeStartUnbalanced BeforeStartBraces
  NativeLayout)
