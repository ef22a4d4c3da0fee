# Cases of add_release(HERMETIC, PREFIX): every error of cmake/ReleaseHermetic.cmake,
# and one hermetic release whose files are checked.
release_add_runcmake_cases(Hermetic
  RelativePrefix PrefixInBuildTree NoGlibc TwoLoaders MixedGlibc Layout)
