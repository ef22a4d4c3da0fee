# Build-time step of add_oci_image(): the image of an assembled release.
#
#   cmake -P <work>/steps/oci-image.cmake   (the call, cmake/ReleaseStepConfig.cmake)
#
#   _release_oci_image_impl(NAME <image> RELEASE <release> VSN <vsn> RELEASE_DIR <dir>
#     RELEASE_WORK_DIR <dir> LOADER <helper> BASE <scratch|layout|archive> TAG <ref> USER <uid:gid>
#     OUTPUT <archive> LAYOUT <dir> WORK_DIR <dir> [PORTS <port>...] [ENV <VAR=value>...]
#     [VOLUMES <path>...] [LABELS <key=value>...])
#
# In:  the release directory (after release-<name>), its releases/<vsn>/
#      manifest.txt (the ELF machine: the image's platform), the dpkg status
#      stanzas the SBOM step left in <release work>/sbom-status (a dpkg status
#      file, which `<helper> status-d` splits into status.d/<package>), the BASE.
# Out: the image layout <OCI_LAYOUT>/ and the archive <OCI_OUTPUT> (both the
#      OCI layout and Docker's manifest.json, pointing at the same blobs).
#
# No engine runs: the layers are tars written by GNU tar's reproducible
# recipe, the JSON documents by string(JSON), the digests by file(SHA256).
include("${CMAKE_CURRENT_LIST_DIR}/../ReleaseCommon.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/oci-lib.cmake")

# _oci_platform()
# The platform (`arch`, `variant`) from the release's ELF machine.
function(_oci_platform)
  set(manifest_txt "${OCI_RELEASE_DIR}/releases/${OCI_VSN}/manifest.txt")
  if(NOT EXISTS "${manifest_txt}")
    _oci_fail("the release has no ${manifest_txt}. Fix: build release-${OCI_RELEASE} "
      "(this target depends on it; a failed release build leaves none).")
  endif()
  file(STRINGS "${manifest_txt}" machine REGEX "^machine=")
  string(REGEX REPLACE "^machine=" "" machine "${machine}")
  set(variant "")
  foreach(entry "X86-64|amd64" "AArch64|arm64" "ARM|arm" "RISC-V|riscv64"
      "PowerPC64|ppc64le" "S/390|s390x" "80386|386")
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 elf)
    list(GET entry 1 arch)
    if(machine MATCHES "(^| )${elf}$")
      break()
    endif()
    set(arch "")
  endforeach()
  if(arch STREQUAL "")
    _oci_fail("the release's ELF machine '${machine}' has no OCI architecture known to "
      "cmake-release. Fix: build the release for amd64, arm64, arm/v7, riscv64, "
      "ppc64le, s390x or 386.")
  endif()
  if(arch STREQUAL "arm")
    set(variant v7)
  endif()
  return(PROPAGATE arch variant)
endfunction()

# _oci_release_layers()
# The two layers of the release (libs_*, app_*): libraries, licenses and
# the scanners' status.d change when a dependency does; the rest (programs,
# scripts, config, the SBOM) with every edit.
function(_oci_release_layers)
  # Libraries, licenses and the scanners' status.d change when a dependency
  # does; the rest (programs, scripts, config, the SBOM) with every edit.
  string(REGEX REPLACE "^/" "" opt "${OCI_RELEASE_PREFIX}")   # the release's PREFIX
  set(libs_root "${OCI_WORK_DIR}/root-libs")
  set(app_root "${OCI_WORK_DIR}/root-app")
  set(status "${OCI_RELEASE_WORK_DIR}/sbom-status")
  file(REMOVE_RECURSE "${libs_root}" "${app_root}")
  # The library layer is linked and tarred again only when one of its files changed.
  _oci_fingerprint(libs_fp "${OCI_RELEASE_DIR}/lib" "${OCI_RELEASE_DIR}/share/licenses" "${status}")
  _oci_layer_reuse(libs libs "${libs_fp}")
  if(libs_DESC STREQUAL "")
    file(MAKE_DIRECTORY "${libs_root}/${opt}")
    foreach(dir lib share/licenses)
      if(IS_DIRECTORY "${OCI_RELEASE_DIR}/${dir}")
        file(MAKE_DIRECTORY "${libs_root}/${opt}/${dir}")
        _oci_link_tree("${OCI_RELEASE_DIR}/${dir}" "${libs_root}/${opt}/${dir}" "")
      endif()
    endforeach()
    if(EXISTS "${status}")
      execute_process(
        COMMAND "${OCI_LOADER}" status-d "${status}" "${libs_root}/var/lib/dpkg/status.d"
        RESULT_VARIABLE rc ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        string(STRIP "${err}" err)
        _oci_fail("cannot write the image's /var/lib/dpkg/status.d from ${status}: ${err}. "
          "Fix: make sure ${OCI_WORK_DIR} is writable and has free space, then build again.")
      endif()
    endif()
    _oci_layer(libs libs "${libs_root}" "${libs_fp}")
  endif()
  # tmp/ holds a daemon's pid file and log when the release ran in the build tree.
  file(MAKE_DIRECTORY "${app_root}/${opt}")
  _oci_link_tree("${OCI_RELEASE_DIR}" "${app_root}/${opt}"
    "^(lib|share/licenses|tmp)(/|$)|^share$")
  _oci_layer(app app "${app_root}")
  file(REMOVE_RECURSE "${libs_root}" "${app_root}")
  return(PROPAGATE opt libs_DESC libs_DIFF_ID app_DESC app_DIFF_ID)
endfunction()

# _oci_image_config()
# The image configuration on the base's, as a blob (config_*).
function(_oci_image_config)
  set(cfg "${BASE_CONFIG}")
  string(JSON cfg SET "${cfg}" architecture "\"${arch}\"")
  string(JSON cfg SET "${cfg}" os "\"linux\"")
  if(variant)
    string(JSON cfg SET "${cfg}" variant "\"${variant}\"")
  else()
    string(JSON cfg ERROR_VARIABLE ignored REMOVE "${cfg}" variant)
  endif()
  string(JSON cfg SET "${cfg}" created "\"${created}\"")
  string(JSON c ERROR_VARIABLE no_config GET "${cfg}" config)
  if(no_config)
    set(c "{}")
  endif()

  # Env: the base's (PATH), with ours replacing variables of the same name.
  _oci_json_items(env_items "${c}" Env)
  foreach(item IN LISTS OCI_ENV)
    _release_split_env("${item}" var value)
    list(FILTER env_items EXCLUDE REGEX "^${var}=")
    list(APPEND env_items "${item}")
  endforeach()
  set(json "[]")
  set(i 0)
  foreach(item IN LISTS env_items)
    _release_json_string(q "${item}")
    string(JSON json SET "${json}" ${i} "${q}")
    math(EXPR i "${i} + 1")
  endforeach()
  string(JSON c SET "${c}" Env "${json}")

  string(JSON c SET "${c}" User "\"${OCI_USER}\"")
  string(JSON c SET "${c}" Entrypoint "[\"/${opt}/bin/${OCI_RELEASE}\"]")
  string(JSON c SET "${c}" Cmd "[\"start\"]")
  string(JSON c SET "${c}" WorkingDir "\"/${opt}\"")
  string(JSON c SET "${c}" StopSignal "\"SIGTERM\"")
  foreach(key ExposedPorts Volumes Labels)
    string(JSON kind ERROR_VARIABLE missing TYPE "${c}" ${key})
    if(missing OR NOT kind STREQUAL "OBJECT")
      string(JSON c SET "${c}" ${key} "{}")
    endif()
  endforeach()
  foreach(port IN LISTS OCI_PORTS)
    if(NOT port MATCHES "/")
      string(APPEND port "/tcp")
    endif()
    string(JSON c SET "${c}" ExposedPorts "${port}" "{}")
  endforeach()
  foreach(path IN LISTS OCI_VOLUMES)
    string(JSON c SET "${c}" Volumes "${path}" "{}")
  endforeach()
  foreach(item IN LISTS OCI_LABELS "org.opencontainers.image.created=${created}")
    _release_split_env("${item}" key value)
    _release_json_string(qv "${value}")
    string(JSON c SET "${c}" Labels "${key}" "${qv}")
  endforeach()
  string(JSON cfg SET "${cfg}" config "${c}")

  # rootfs and history: the base's, then ours.
  string(JSON ids ERROR_VARIABLE no_ids GET "${cfg}" rootfs diff_ids)
  if(no_ids)
    set(ids "[]")
  endif()
  string(JSON n LENGTH "${ids}")
  string(JSON ids SET "${ids}" ${n} "\"${libs_DIFF_ID}\"")
  math(EXPR n "${n} + 1")
  string(JSON ids SET "${ids}" ${n} "\"${app_DIFF_ID}\"")
  string(JSON cfg SET "${cfg}" rootfs "{\"type\": \"layers\", \"diff_ids\": ${ids}}")
  string(JSON history ERROR_VARIABLE no_history GET "${cfg}" history)
  if(no_history)
    set(history "[]")
  endif()
  foreach(what "the bundled libraries, their licenses and dpkg status" "the programs, scripts and config")
    string(JSON n LENGTH "${history}")
    string(JSON history SET "${history}" ${n}
      "{\"created\": \"${created}\", \"created_by\": \"add_oci_image(${OCI_NAME}): ${what}\"}")
  endforeach()
  string(JSON cfg SET "${cfg}" history "${history}")

  file(WRITE "${OCI_WORK_DIR}/config.json" "${cfg}")
  _oci_blob(config "${OCI_WORK_DIR}/config.json" application/vnd.oci.image.config.v1+json)
  return(PROPAGATE config_DESC config_DIGEST config_SIZE)
endfunction()

# _oci_write_image()
# The manifest, the index, Docker's manifest.json, the layout and the archive.
function(_oci_write_image)
  set(layers "[]")
  set(docker_layers "[]")
  set(i 0)
  foreach(desc IN LISTS BASE_LAYERS libs_DESC app_DESC)
    string(JSON layers SET "${layers}" ${i} "${desc}")
    string(JSON digest GET "${desc}" digest)
    string(REPLACE ":" "/" path "${digest}")
    string(JSON docker_layers SET "${docker_layers}" ${i} "\"blobs/${path}\"")
    math(EXPR i "${i} + 1")
  endforeach()
  set(m "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\"}")
  string(JSON m SET "${m}" config "${config_DESC}")
  string(JSON m SET "${m}" layers "${layers}")
  file(WRITE "${OCI_WORK_DIR}/manifest.json" "${m}")
  _oci_blob(manifest "${OCI_WORK_DIR}/manifest.json" application/vnd.oci.image.manifest.v1+json)

  set(platform "{\"architecture\": \"${arch}\", \"os\": \"linux\"}")
  if(variant)
    string(JSON platform SET "${platform}" variant "\"${variant}\"")
  endif()
  string(JSON mdesc SET "${manifest_DESC}" platform "${platform}")
  _release_json_string(qtag "${OCI_TAG}")
  string(JSON mdesc SET "${mdesc}" annotations
    "{\"org.opencontainers.image.ref.name\": ${qtag}, \"io.containerd.image.name\": ${qtag}}")
  set(index "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\"}")
  string(JSON index SET "${index}" manifests "[${mdesc}]")

  string(REPLACE ":" "/" config_path "${config_DIGEST}")
  set(docker "{}")
  string(JSON docker SET "${docker}" Config "\"blobs/${config_path}\"")
  string(JSON docker SET "${docker}" RepoTags "[${qtag}]")
  string(JSON docker SET "${docker}" Layers "${docker_layers}")

  # --- the layout (blobs hard-linked from the work store), then the archive -----
  file(REMOVE_RECURSE "${OCI_LAYOUT}")
  file(MAKE_DIRECTORY "${OCI_LAYOUT}/blobs/sha256")
  foreach(desc IN LISTS BASE_LAYERS libs_DESC app_DESC config_DESC manifest_DESC)
    string(JSON digest GET "${desc}" digest)
    string(REPLACE ":" "/" path "${digest}")
    set(from "${OCI_WORK_DIR}/blobs/${path}")
    if(NOT EXISTS "${from}")
      set(from "${BASE_BLOBS}/${path}")
    endif()
    file(CREATE_LINK "${from}" "${OCI_LAYOUT}/blobs/${path}" COPY_ON_ERROR)
  endforeach()
  file(WRITE "${OCI_LAYOUT}/oci-layout" "{\"imageLayoutVersion\": \"1.0.0\"}")
  file(WRITE "${OCI_LAYOUT}/index.json" "${index}")
  file(WRITE "${OCI_LAYOUT}/manifest.json" "[${docker}]")

  # The work store keeps only this image's blobs (older top layers go).
  file(GLOB stored RELATIVE "${OCI_WORK_DIR}/blobs/sha256" "${OCI_WORK_DIR}/blobs/sha256/*")
  foreach(hex IN LISTS stored)
    if(NOT EXISTS "${OCI_LAYOUT}/blobs/sha256/${hex}")
      file(REMOVE "${OCI_WORK_DIR}/blobs/sha256/${hex}")
    endif()
  endforeach()

  _oci_tar("${OCI_OUTPUT}.tmp" "${OCI_LAYOUT}" blobs index.json manifest.json oci-layout)
  file(RENAME "${OCI_OUTPUT}.tmp" "${OCI_OUTPUT}")
  message(STATUS "add_oci_image(${OCI_NAME}): ${OCI_TAG} ${manifest_DIGEST} (linux/${arch}) "
    "in ${OCI_OUTPUT}")
endfunction()

function(_release_oci_image_impl)
  set(one NAME RELEASE VSN RELEASE_DIR RELEASE_WORK_DIR RELEASE_PREFIX LOADER BASE TAG USER OUTPUT
    LAYOUT WORK_DIR)
  cmake_parse_arguments(PARSE_ARGV 0 OCI "" "${one}" "PORTS;ENV;VOLUMES;LABELS")
  # One time for every entry and for the image's created field.
  if(NOT "$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
    set(ENV{SOURCE_DATE_EPOCH} 0)
  endif()
  string(TIMESTAMP created "%Y-%m-%dT%H:%M:%SZ" UTC)
  _oci_platform()
  _oci_read_base(linux "${arch}" "${variant}")
  _oci_release_layers()
  _oci_image_config()
  _oci_write_image()
endfunction()
