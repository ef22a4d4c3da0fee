# Cases of add_release()'s SYSTEMD_* and DEBUG_SYMBOLS keywords (issue 15):
# configure-time errors, a build-time error of the debug split, a package-time
# error, and a unit whose lines are checked.
release_add_runcmake_cases(Service
  BadDebugSymbols StripAndSplit StripAndKeep SplitWithoutStrip StripWithoutStrip
  SplitWithoutObjcopy BadSystemdType BadSystemdUser LongSystemdUser BadStopTimeout
  BadSystemdOption ReservedSystemdOption NoSystemdWithOptions NoBuildId TwoServicesOnePrefix Unit
  BundledLibc ObjcopyFails)
