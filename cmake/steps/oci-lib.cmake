# Helpers of the OCI image step (oci-image.cmake): reproducible layer tars,
# content-addressed blobs, and reading a base image's layout. Internal.
include_guard(GLOBAL)

# _oci_fail(<message>...): stops the step, naming the image (or what
# OCI_FAIL_PREFIX names: the script oci-index.cmake).
function(_oci_fail)
  string(JOIN "" msg ${ARGN})
  if(NOT DEFINED OCI_FAIL_PREFIX)
    set(OCI_FAIL_PREFIX "add_oci_image(${OCI_NAME})")
  endif()
  message(FATAL_ERROR "${OCI_FAIL_PREFIX}: ${msg}")
endfunction()

# _oci_tar(<tar-file> <root> <entry>...)
# GNU tar's reproducible recipe: sorted names, POSIX format without atime,
# ctime or pids in extended headers, one fixed mtime, owner 0:0, modes 0755
# (directories and files with an execute bit) or 0644, hard links stored as
# files. Written by GNU tar rather than file(ARCHIVE_CREATE), which keeps
# on-disk owners and directory order.
function(_oci_tar tar_file root)
  execute_process(
    COMMAND tar --sort=name --format=posix
      "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime"
      "--mtime=@$ENV{SOURCE_DATE_EPOCH}" --owner=0 --group=0 --numeric-owner
      "--mode=u=rwX,go=rX" --hard-dereference
      -C "${root}" -cf "${tar_file}" ${ARGN}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    _oci_fail("GNU tar failed writing ${tar_file}: ${err}")
  endif()
endfunction()

# _oci_blob(<prefix> <file> <media-type>)
# Moves <file> into the blob store <work>/blobs/sha256/<hex>; sets
# <prefix>_DIGEST, <prefix>_SIZE and <prefix>_DESC (its JSON descriptor).
function(_oci_blob prefix file media_type)
  file(SHA256 "${file}" hex)
  file(SIZE "${file}" size)
  set(blob "${OCI_WORK_DIR}/blobs/sha256/${hex}")
  file(MAKE_DIRECTORY "${OCI_WORK_DIR}/blobs/sha256")
  file(RENAME "${file}" "${blob}")
  set(${prefix}_DIGEST "sha256:${hex}" PARENT_SCOPE)
  set(${prefix}_SIZE "${size}" PARENT_SCOPE)
  set(${prefix}_DESC
    "{\"mediaType\": \"${media_type}\", \"digest\": \"sha256:${hex}\", \"size\": ${size}}"
    PARENT_SCOPE)
endfunction()

# _oci_fingerprint(<out-var> <path>...)
# The names, sizes and times of each file given and every file under the
# directories given: when it is the same as at the last build, so is the
# layer made of them.
function(_oci_fingerprint out)
  set(text "")
  foreach(dir IN LISTS ARGN)
    if(IS_DIRECTORY "${dir}")
      file(GLOB_RECURSE files LIST_DIRECTORIES false "${dir}/*")
      list(SORT files)
    elseif(EXISTS "${dir}")
      set(files "${dir}")
    else()
      set(files "")
    endif()
    foreach(f IN LISTS files)
      file(TIMESTAMP "${f}" t "%s.%f")
      file(SIZE "${f}" size)
      string(APPEND text "${f}|${size}|${t}\n")
    endforeach()
  endforeach()
  string(SHA256 fp "${text}")
  set(${out} "${fp}" PARENT_SCOPE)
endfunction()

# _oci_layer_reuse(<prefix> <layer-name> <fingerprint>)
# Sets <prefix>_DESC and <prefix>_DIFF_ID from the last build of the layer
# when its sources had this fingerprint, else <prefix>_DESC to "".
function(_oci_layer_reuse prefix layer fingerprint)
  set(${prefix}_DESC "" PARENT_SCOPE)
  set(state "${OCI_WORK_DIR}/${layer}.layer.cmake")
  if(EXISTS "${state}")
    include("${state}")
    if(LAYER_SOURCES STREQUAL fingerprint AND EXISTS "${OCI_WORK_DIR}/blobs/${LAYER_BLOB}")
      set(${prefix}_DESC "${LAYER_DESC}" PARENT_SCOPE)
      set(${prefix}_DIFF_ID "${LAYER_DIFF_ID}" PARENT_SCOPE)
    endif()
  endif()
endfunction()

# _oci_layer(<prefix> <layer-name> <root> [<fingerprint>])
# A gzip layer of the tree <root>: sets <prefix>_DESC, <prefix>_DIFF_ID.
# The compressed blob is reused when the uncompressed tar did not change, so a
# rebuild compresses only the layers that did.
function(_oci_layer prefix layer root)
  file(GLOB entries RELATIVE "${root}" "${root}/*")
  list(SORT entries)
  set(tar_file "${OCI_WORK_DIR}/${layer}.tar")
  _oci_tar("${tar_file}" "${root}" ${entries})
  file(SHA256 "${tar_file}" diff_hex)
  set(state "${OCI_WORK_DIR}/${layer}.layer.cmake")
  set(LAYER_DIFF_ID "")
  if(EXISTS "${state}")
    include("${state}")
  endif()
  if(NOT LAYER_DIFF_ID STREQUAL "sha256:${diff_hex}" OR NOT EXISTS "${OCI_WORK_DIR}/blobs/${LAYER_BLOB}")
    # gzip -n: no name, no time in the header; level 6 always.
    execute_process(COMMAND gzip -n -6 -c "${tar_file}" OUTPUT_FILE "${tar_file}.gz"
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      _oci_fail("gzip failed on ${tar_file}: ${err}")
    endif()
    _oci_blob(b "${tar_file}.gz" application/vnd.oci.image.layer.v1.tar+gzip)
    string(REPLACE ":" "/" blob_path "${b_DIGEST}")
    set(LAYER_BLOB "${blob_path}")
    set(LAYER_DESC "${b_DESC}")
  endif()
  file(WRITE "${state}" "set(LAYER_DIFF_ID [==[sha256:${diff_hex}]==])\n"
    "set(LAYER_BLOB [==[${LAYER_BLOB}]==])\nset(LAYER_DESC [==[${LAYER_DESC}]==])\n"
    "set(LAYER_SOURCES [==[${ARGV3}]==])\n")
  set(${prefix}_DESC "${LAYER_DESC}" PARENT_SCOPE)
  file(REMOVE "${tar_file}")
  set(${prefix}_DIFF_ID "sha256:${diff_hex}" PARENT_SCOPE)
endfunction()

# _oci_json_items(<out-var> <json> <member>): the elements of the array
# <json>.<member> as a list ("" when there is no such array).
function(_oci_json_items out json member)
  set(items "")
  string(JSON n ERROR_VARIABLE missing LENGTH "${json}" ${member})
  if(NOT missing AND n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON item GET "${json}" ${member} ${i})
      list(APPEND items "${item}")
    endforeach()
  endif()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

# _oci_link_tree(<from> <to> <exclude-regex>)
# Hard links (copies across file systems) of every file under <from> whose
# relative path does not match <exclude-regex>, and its directories.
function(_oci_link_tree from to exclude)
  file(GLOB_RECURSE entries LIST_DIRECTORIES true RELATIVE "${from}" "${from}/*")
  foreach(rel IN LISTS entries)
    if(NOT exclude STREQUAL "" AND rel MATCHES "${exclude}")
      continue()
    endif()
    if(IS_DIRECTORY "${from}/${rel}" AND NOT IS_SYMLINK "${from}/${rel}")
      file(MAKE_DIRECTORY "${to}/${rel}")
    else()
      get_filename_component(dir "${to}/${rel}" DIRECTORY)
      file(MAKE_DIRECTORY "${dir}")
      file(CREATE_LINK "${from}/${rel}" "${to}/${rel}" COPY_ON_ERROR)
    endif()
  endforeach()
endfunction()

# _oci_read_base(<os> <arch> <variant>)
# Reads OCI_BASE (scratch, a layout directory or an oci-archive). Sets, in the
# caller: BASE_BLOBS (its blob directory, "" for scratch), BASE_LAYERS (JSON
# descriptors), BASE_CONFIG (its config JSON, "{}" for scratch).
macro(_oci_read_base os arch variant)
  set(BASE_BLOBS "")
  set(BASE_LAYERS "")
  set(BASE_CONFIG "{}")
  if(NOT OCI_BASE STREQUAL "scratch")
    set(_dir "${OCI_BASE}")
    if(NOT IS_DIRECTORY "${OCI_BASE}")
      set(_dir "${OCI_WORK_DIR}/base")
      if(NOT EXISTS "${_dir}/index.json" OR "${OCI_BASE}" IS_NEWER_THAN "${_dir}/index.json")
        file(REMOVE_RECURSE "${_dir}")
        file(MAKE_DIRECTORY "${_dir}")
        file(ARCHIVE_EXTRACT INPUT "${OCI_BASE}" DESTINATION "${_dir}")
        if(NOT EXISTS "${_dir}/index.json")
          _oci_fail("BASE '${OCI_BASE}' is not an oci-archive (it holds no index.json). "
            "Fix: write it with skopeo copy <image> oci-archive:<file>.")
        endif()
        file(TOUCH "${_dir}/index.json")
      endif()
    endif()
    set(BASE_BLOBS "${_dir}/blobs")
    _oci_base_manifest(_manifest "${_dir}" "${os}" "${arch}" "${variant}")
    string(JSON _config_digest GET "${_manifest}" config digest)
    string(REPLACE ":" "/" _config_path "${_config_digest}")
    file(READ "${BASE_BLOBS}/${_config_path}" BASE_CONFIG)
    _oci_json_items(BASE_LAYERS "${_manifest}" layers)
  endif()
endmacro()

# _oci_base_manifest(<out-var> <layout-dir> <os> <arch> <variant>)
# The image manifest of the layout for the platform, following one level of
# nested index (a multi-platform image copied with skopeo --all).
function(_oci_base_manifest out dir os arch variant)
  file(READ "${dir}/index.json" index)
  foreach(round 1 2)
    string(JSON n LENGTH "${index}" manifests)
    set(chosen "")
    set(seen "")
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON desc GET "${index}" manifests ${i})
      string(JSON p_arch ERROR_VARIABLE no_platform GET "${desc}" platform architecture)
      string(JSON p_variant ERROR_VARIABLE no_variant GET "${desc}" platform variant)
      if(no_variant)
        set(p_variant "")
      endif()
      if(no_platform)
        set(p_arch "")
      endif()
      list(APPEND seen "${p_arch}")
      if(n EQUAL 1 OR (p_arch STREQUAL arch AND (variant STREQUAL "" OR p_variant STREQUAL variant)))
        set(chosen "${desc}")
        break()
      endif()
    endforeach()
    if(chosen STREQUAL "")
      list(JOIN seen ", " seen)
      _oci_fail("the BASE '${OCI_BASE}' has no image for ${os}/${arch} (it has: ${seen}). "
        "Fix: copy the base with skopeo copy --all, or for this platform "
        "(skopeo --override-arch ${arch} copy ...).")
    endif()
    string(JSON digest GET "${chosen}" digest)
    string(REPLACE ":" "/" path "${digest}")
    file(READ "${dir}/blobs/${path}" blob)
    string(JSON media ERROR_VARIABLE no_media GET "${blob}" mediaType)
    if(media MATCHES "index|manifest\\.list")
      set(index "${blob}")
      continue()
    endif()
    set(${out} "${blob}" PARENT_SCOPE)
    return()
  endforeach()
  _oci_fail("the BASE '${OCI_BASE}' nests indexes deeper than one level. "
    "Fix: copy one platform's image with skopeo copy.")
endfunction()
