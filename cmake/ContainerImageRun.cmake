# Internal helpers of add_container_image() (ContainerImage.cmake) for how the
# image runs and is built: CMD, VOLUMES (with RELEASE_DATA), ENGINE_ARGS and
# the optional `# syntax` line.
# No include guard: it defines only variables and functions, and the public
# function includes it again into its own scope, because directory variables
# are not seen from a sibling directory that did not include the module.

# Where the builder stage keeps the empty directory each volume is made from.
set(_RELEASE_CI_EMPTY_DIR "/cmake-release-empty")

# _release_ci_check_run_args(<name>)
# Checks CMD, ENGINE_ARGS and VOLUMES of the add_container_image() call that
# calls it (its arg_* variables, RELEASE_NAME), and sets `volumes` there: the
# VOLUMES normalised, without duplicates.
function(_release_ci_check_run_args name)
  foreach(kw CMAKE_ARGS CMD ENGINE_ARGS)
    foreach(a IN LISTS arg_${kw})
      if(a MATCHES "\n")
        _release_ci_fail("${name}" "${kw} '${a}' holds a line break, which the "
          "Dockerfile or the engine's command line cannot carry. Fix: give each "
          "argument on one line.")
      endif()
    endforeach()
  endforeach()
  set(release_dir "${RELEASE_PREFIX}")
  set(checked "")
  foreach(dir IN LISTS arg_VOLUMES)
    if(NOT dir MATCHES "^/" OR dir MATCHES "\n")
      _release_ci_fail("${name}" "VOLUMES '${dir}' is not an absolute path in the "
        "image. Fix: name the directory the release writes its state to, e.g. "
        "VOLUMES /var/lib/${RELEASE_NAME}.")
    endif()
    cmake_path(NORMAL_PATH dir OUTPUT_VARIABLE normal)
    string(REGEX REPLACE "(.)/$" "\\1" normal "${normal}")
    cmake_path(IS_PREFIX normal "${release_dir}" holds)
    cmake_path(IS_PREFIX release_dir "${normal}" inside)
    if(holds OR inside)
      _release_ci_fail("${name}" "VOLUMES '${dir}' overlaps the release directory "
        "${release_dir}, which stays read-only and root's (a volume there would "
        "hide or change the release). Fix: put the volume outside it, e.g. "
        "VOLUMES /var/lib/${RELEASE_NAME}.")
    endif()
    list(APPEND checked "${normal}")
  endforeach()
  list(REMOVE_DUPLICATES checked)
  set(volumes "${checked}" PARENT_SCOPE)
endfunction()

# _release_ci_run_parts(<user> <volumes>)
# The Dockerfile parts for CMD, VOLUMES and the syntax line, set in the
# scope of the add_container_image() call that calls it (whose arg_CMD and
# arg_DOCKERFILE_SYNTAX it reads): _ci_SYNTAX_LINE, _ci_CMD_JSON,
# _ci_VOLUME_BUILDER (the builder's empty directory), _ci_VOLUME_LINES (one
# COPY --chown per volume, VOLUME, RELEASE_DATA).
function(_release_ci_run_parts user volumes)
  set(syntax "")
  if(DEFINED arg_DOCKERFILE_SYNTAX)
    set(syntax "# syntax=${arg_DOCKERFILE_SYNTAX}\n")
  endif()
  set(cmd "[\"start\"]")
  if(DEFINED arg_CMD)
    _release_ci_json_array(cmd LIST arg_CMD)
  endif()
  set(builder "")
  set(lines "")
  if(NOT volumes STREQUAL "")
    set(builder "\n# An empty directory: each of the runtime stage's VOLUMES is made from it.\n"
      "RUN mkdir -p ${_RELEASE_CI_EMPTY_DIR}\n")
    string(CONCAT lines "\n# The VOLUMES: directories the run-time user owns (the release stays root's).\n"
      "# A new named volume starts as a copy of its directory, owner included.\n")
    foreach(v IN LISTS volumes)
      _release_ci_json_array(j "${_RELEASE_CI_EMPTY_DIR}/" "${v}/")
      string(APPEND lines "COPY --from=builder --chown=${user} ${j}\n")
    endforeach()
    _release_ci_json_array(j LIST volumes)
    string(APPEND lines "VOLUME ${j}\n")
    # The release's data directory (RELEASE_DATA) is the first volume.
    list(GET volumes 0 first)
    _release_ci_quote(q "${first}")
    string(APPEND lines "ENV RELEASE_DATA=${q}\n")
  endif()
  string(CONCAT builder ${builder})
  set(_ci_SYNTAX_LINE "${syntax}" PARENT_SCOPE)
  set(_ci_CMD_JSON "${cmd}" PARENT_SCOPE)
  set(_ci_VOLUME_BUILDER "${builder}" PARENT_SCOPE)
  set(_ci_VOLUME_LINES "${lines}" PARENT_SCOPE)
endfunction()

# _release_ci_engine_args_arg(<out-var>)
# The image step's -DENGINE_ARGS=... argument: the call's ENGINE_ARGS, then
# the build tree's RELEASE_CONTAINER_ENGINE_ARGS, joined with $<SEMICOLON>
# so that the custom command passes one list.
function(_release_ci_engine_args_arg out)
  set(all ${arg_ENGINE_ARGS} $CACHE{RELEASE_CONTAINER_ENGINE_ARGS})
  list(JOIN all "$<SEMICOLON>" joined)
  set(${out} "-DENGINE_ARGS=${joined}" PARENT_SCOPE)
endfunction()
