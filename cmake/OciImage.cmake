#[=======================================================================[.rst:
OciImage
--------

Writes an OCI image of a release made by :command:`add_release`, without any
container engine and without root: the release the host build assembled
(cross builds included) is packed into reproducible layers on top of a base
image, and written as an OCI image layout and one archive that ``podman
load``, ``docker load`` (also Docker 20.10, which reads only Docker's
``manifest.json``) and ``skopeo copy oci-archive:…`` take.

.. code-block:: cmake

  include(OciImage)

.. command:: add_oci_image

  .. code-block:: cmake

    add_oci_image(<name>
      RELEASE <release>
      BASE scratch|<oci-layout-dir>|<oci-archive.tar>
      [TAG <image>[:<tag>]]
      [PORTS <port>[/tcp|/udp]...]
      [ENV <VAR>=<value>...]
      [USER <uid>:<gid>]
      [LABELS <key>=<value>...]
      [VOLUMES <path>...]
      [OUTPUT <file>.tar])

  Adds the targets ``oci-image-<name>`` and ``oci-image`` (every OCI image of
  the build). Building one first brings ``release-<release>`` up to date, then
  writes ``<file>.tar`` and, beside it, the image layout directory (the
  archive's name without ``.tar``). The image holds, above the base's layers:

  1. a layer with the bundled libraries (``lib/``), their license notices
     (``share/licenses/``) and one ``/var/lib/dpkg/status.d/<package>``
     stanza per Debian package they come from, for image scanners;
  2. a layer with everything else of the release: programs, control script,
     env hook, ``releases/<vsn>/`` (manifest and SBOM), overlays.

  The release is at ``/opt/<release>``; the entrypoint is its control script
  with the argument ``start``. The platform is the release's own (from the
  ELF machine its manifest records). Times are ``SOURCE_DATE_EPOCH`` from the
  build's environment, else 0; entries are sorted, owned by 0:0, with modes
  0755 or 0644: the same release gives the same manifest digest.

  ``RELEASE <release>``
    Required. A release declared earlier by :command:`add_release`.

  ``BASE``
    Required. ``scratch`` (no base layers: only for releases that need no
    ``/bin/sh`` and no C library of the system), or an OCI image layout
    directory or ``oci-archive`` file made beforehand, e.g.
    ``skopeo copy docker://debian:bookworm-slim oci:base:bookworm-slim``.
    A base holding several platforms gives the one matching the release.
    A relative path is taken from the current source directory.

  ``TAG <image>[:<tag>]``
    Name of the image (``:latest`` when no tag is given). Default:
    ``<name>:<release version>``.

  ``PORTS``, ``ENV``, ``USER``
    As for :command:`add_container_image`: exposed ports, environment
    (added to the base's, which keeps its ``PATH``), numeric non-root user
    (default ``65532:65532``).

  ``LABELS <key>=<value>...``
    Labels added to the OCI labels set from the project
    (``org.opencontainers.image.title``, ``version``, ``description``,
    ``url``, ``revision``, ``created``); a key given here wins.

  ``VOLUMES <path>...``
    Absolute paths declared as volumes.

  ``OUTPUT <file>.tar``
    The archive. Default: ``${CMAKE_BINARY_DIR}/<name>.oci.tar`` (layout
    ``${CMAKE_BINARY_DIR}/<name>.oci``).

  See ``docs/add_oci_image.md`` for pushing, multi-platform indexes and the
  reproducibility rules.
#]=======================================================================]
include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/ContainerImage.cmake")

# _release_oci_base(<out-var> <name> <value>)
# The BASE as an absolute path (or "scratch"); an OCI layout directory must
# hold index.json, an archive must be a file.
function(_release_oci_base out name value)
  if(value STREQUAL "scratch")
    set(${out} scratch PARENT_SCOPE)
    return()
  endif()
  cmake_path(ABSOLUTE_PATH value BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    NORMALIZE OUTPUT_VARIABLE path)
  if(IS_DIRECTORY "${path}")
    if(NOT EXISTS "${path}/index.json")
      _release_fail("BASE '${value}' is a directory without index.json, "
        "so not an OCI image layout. Fix: make one with "
        "'skopeo copy docker://debian:bookworm-slim oci:${value}:bookworm-slim' "
        "(or from a local image: containers-storage:<image>), or give BASE scratch.")
    endif()
  elseif(NOT EXISTS "${path}")
    _release_fail("BASE '${value}' does not exist. Fix: give scratch, "
      "an OCI image layout directory or an oci-archive file (skopeo copy "
      "docker://debian:bookworm-slim oci-archive:base.tar makes one).")
  endif()
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# _release_oci_check_items(<name> <keyword> <regex> <example> <item>...)
# Each item must match <regex>.
function(_release_oci_check_items name keyword regex example)
  foreach(item IN LISTS ARGN)
    if(NOT item MATCHES "${regex}" OR item MATCHES "\n")
      _release_fail("${keyword} '${item}' is not valid. Fix: write it "
        "like ${example}.")
    endif()
  endforeach()
endfunction()

# _release_oci_labels(<out-var> <release-name> <vsn> <user-labels>...)
# The OCI labels, key=value items: the project's, then the user's.
function(_release_oci_labels out rel vsn)
  set(labels "org.opencontainers.image.title=${rel}"
    "org.opencontainers.image.version=${vsn}")
  if(NOT "${CMAKE_PROJECT_DESCRIPTION}" STREQUAL "")
    list(APPEND labels "org.opencontainers.image.description=${CMAKE_PROJECT_DESCRIPTION}")
  endif()
  if(NOT "${CMAKE_PROJECT_HOMEPAGE_URL}" STREQUAL "")
    list(APPEND labels "org.opencontainers.image.url=${CMAKE_PROJECT_HOMEPAGE_URL}")
  endif()
  find_package(Git QUIET)
  if(GIT_EXECUTABLE)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${CMAKE_SOURCE_DIR}" rev-parse --verify -q HEAD
      OUTPUT_VARIABLE revision ERROR_QUIET RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0 AND revision MATCHES "^[0-9a-f]+$")
      list(APPEND labels "org.opencontainers.image.revision=${revision}")
    endif()
  endif()
  list(APPEND labels ${ARGN})
  set(${out} "${labels}" PARENT_SCOPE)
endfunction()

# _release_oci_declare()
# The second half of add_oci_image() (it reads the checked values of
# add_oci_image()'s scope): writes the step's configuration and declares the
# custom command and the targets.
function(_release_oci_declare)
  _release_oci_labels(labels "${rel}" "${vsn}" ${arg_LABELS})
  set(work "${CMAKE_BINARY_DIR}/_release/_oci/${name}")
  _release_step_call("${work}" oci-image NAME=name RELEASE=rel VSN=vsn RELEASE_DIR=release_dir
    RELEASE_WORK_DIR=release_work BASE=base TAG=tag USER=user OUTPUT=output LAYOUT=layout
    WORK_DIR=work RELEASE_PREFIX=release_prefix LOADER=release_loader
    PORTS=arg_PORTS ENV=arg_ENV VOLUMES=arg_VOLUMES LABELS=labels)

  set(base_deps "")
  if(IS_DIRECTORY "${base}")
    set(base_deps "${base}/index.json")
  elseif(NOT base STREQUAL "scratch")
    set(base_deps "${base}")
  endif()
  _release_step_run(command depends "${work}" oci-image)
  add_custom_command(OUTPUT "${output}"
    COMMAND ${command}
    DEPENDS ${depends} "${release_stamp}" "${_RELEASE_CI_MODULE_DIR}/steps/oci-lib.cmake"
            "${release_loader}"
            ${base_deps}
    COMMENT "OCI image ${tag}: writing ${output}"
    VERBATIM)
  add_custom_target("oci-image-${name}" DEPENDS "${output}")
  add_dependencies("oci-image-${name}" "release-${rel}")
  if(NOT TARGET oci-image)
    add_custom_target(oci-image)
  endif()
  add_dependencies(oci-image "oci-image-${name}")
  set_target_properties("oci-image-${name}" PROPERTIES
    RELEASE_OCI_TAG "${tag}"
    RELEASE_OCI_RELEASE "${rel}"
    RELEASE_OCI_ARCHIVE "${output}"
    RELEASE_OCI_LAYOUT "${layout}")
endfunction()

function(add_oci_image name)
  foreach(module ReleasePlatforms ReleaseCommon ContainerImageChecks ContainerImageDockerfile
      ContainerImageContext ContainerImageRun)
    include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${module}.cmake")
  endforeach()
  _release_ci_constants()
  set(one RELEASE BASE TAG USER OUTPUT)
  set(multi PORTS ENV LABELS VOLUMES)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "${one}" "${multi}")

  # ---- checks, all before any side effect ----
  _release_ci_check_name(add_oci_image "${name}")
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unparsed)
    _release_fail("unknown arguments: ${unparsed}. Fix: use the keywords "
      "RELEASE BASE TAG PORTS ENV USER LABELS VOLUMES OUTPUT.")
  endif()
  _release_check_values_given("Fix: give each a value, or leave the keyword out.")
  if(TARGET "oci-image-${name}")
    _release_fail("an OCI image named '${name}' already exists. "
      "Fix: give each add_oci_image() call its own name.")
  endif()
  _release_find_release(found known_text "${arg_RELEASE}")
  if(NOT found)
    _release_fail("RELEASE '${arg_RELEASE}' is not a release declared so "
      "far (declared: ${known_text}). Fix: call add_release(<release> ...) first and "
      "name it: add_oci_image(${name} RELEASE <release> BASE ...).")
  endif()
  set(rel "${arg_RELEASE}")
  if(NOT DEFINED arg_BASE)
    _release_fail("no BASE given. Fix: give BASE scratch, or an OCI "
      "layout or archive of a base image (e.g. made by 'skopeo copy "
      "docker://debian:bookworm-slim oci:base:bookworm-slim').")
  endif()
  _release_oci_base(base "${name}" "${arg_BASE}")

  get_target_property(vsn "release-${rel}" RELEASE_VERSION)
  get_target_property(release_dir "release-${rel}" RELEASE_DIR)
  get_target_property(release_work "release-${rel}" RELEASE_WORK_DIR)
  get_target_property(release_prefix "release-${rel}" RELEASE_PREFIX)
  get_target_property(release_stamp "release-${rel}" RELEASE_STAMP)
  get_target_property(release_loader "release-${rel}" _RELEASE_HELPER)   # status.d
  if(DEFINED arg_TAG)
    set(tag "${arg_TAG}")
  else()
    string(REGEX REPLACE "[^A-Za-z0-9_.-]" "_" vsn_tag "${vsn}")
    set(tag "${name}:${vsn_tag}")
  endif()
  if(NOT tag MATCHES "^[^@]+:[^:/@]+$")
    string(APPEND tag ":latest")
  endif()
  string(REGEX MATCH "^(.*):([^:/]*)$" ignored "${tag}")
  set(repo "${CMAKE_MATCH_1}")
  set(tag_part "${CMAKE_MATCH_2}")
  string(LENGTH "${tag_part}" tag_length)
  if(NOT repo MATCHES "${_RELEASE_CI_REPO_REGEX}"
      OR NOT tag_part MATCHES "${_RELEASE_CI_TAG_REGEX}" OR tag_length GREATER 128)
    _release_fail("TAG '${tag}' is not a valid image reference. Fix: use "
      "[registry/]name[:tag] with a lower-case name, e.g. example.org/team/app:1.0.")
  endif()

  _release_oci_check_items("${name}" PORTS "^([1-9][0-9]*)(/(tcp|udp))?$" "8080 or 53/udp" ${arg_PORTS})
  foreach(port IN LISTS arg_PORTS)
    string(REGEX MATCH "^[0-9]+" number "${port}")
    if(number GREATER 65535)
      _release_fail("PORTS '${port}' is not a port. Fix: use 1 to 65535.")
    endif()
  endforeach()
  _release_oci_check_items("${name}" ENV "^[A-Za-z_][A-Za-z0-9_]*=" "NAME=value" ${arg_ENV})
  _release_oci_check_items("${name}" LABELS "^[A-Za-z0-9][A-Za-z0-9._/-]*=" "org.example.team=web" ${arg_LABELS})
  _release_oci_check_items("${name}" VOLUMES "^/" "/var/lib/${rel} (an absolute path)" ${arg_VOLUMES})
  set(user 65532:65532)
  if(DEFINED arg_USER)
    if(NOT arg_USER MATCHES "^([0-9]+):([0-9]+)$" OR CMAKE_MATCH_1 EQUAL 0)
      _release_fail("USER '${arg_USER}' is not a numeric non-root "
        "<uid>:<gid>. Fix: use numbers with a uid above 0, e.g. the default 65532:65532.")
    endif()
    set(user "${arg_USER}")
  endif()
  set(output "${CMAKE_BINARY_DIR}/${name}.oci.tar")
  if(DEFINED arg_OUTPUT)
    cmake_path(ABSOLUTE_PATH arg_OUTPUT BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
      NORMALIZE OUTPUT_VARIABLE output)
  endif()
  if(NOT output MATCHES "^(.+)\\.tar$")
    _release_fail("OUTPUT '${arg_OUTPUT}' does not end in .tar. "
      "Fix: name the archive <file>.tar: its image layout goes beside it as <file>.")
  endif()
  set(layout "${CMAKE_MATCH_1}")

  _release_oci_declare()
endfunction()

cmake_policy(POP)
