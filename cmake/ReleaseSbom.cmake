# Internal: the SBOM and license-notice step of add_release(), a step written
# in C++ (loader/sbom.cpp; docs/sbom.md). Included by Release.cmake.
include_guard(GLOBAL)

# _release_sbom_step(<stamp-out-var> <name> <work> <loader> <closure> <stage-stamp>)
# Declares the step that writes <work>/sbom/releases/<vsn>/sbom.cdx.json,
# <work>/sbom-notices/<package> and <work>/sbom-status from the closure and
# the staged files; sets <stamp-out-var> to its stamp, which the swap step
# depends on.
function(_release_sbom_step out name work loader closure stage_stamp)
  _release_step_native(command depends "${work}" "${loader}" sbom)
  # The depfile as written (see _release_declare_steps in Release.cmake).
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 OLD)
  add_custom_command(OUTPUT "${work}/sbom.stamp"
    COMMAND ${command}
    DEPENDS ${depends} "${closure}" "${stage_stamp}"
    DEPFILE "${work}/sbom.d"
    COMMENT "Release ${name}: SBOM and license notices"
    VERBATIM)
  cmake_policy(POP)
  set(${out} "${work}/sbom.stamp" PARENT_SCOPE)
endfunction()
