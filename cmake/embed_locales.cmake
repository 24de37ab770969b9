# Writes the string tables of locales/*.toml into a C++ include file, so the binary carries
# them wherever it runs. Run with -DSOURCE_DIR=... -DOUTPUT=...
file(GLOB files "${SOURCE_DIR}/locales/*.toml")
list(SORT files)
set(out "// Generated from locales/*.toml by cmake/embed_locales.cmake; do not edit.\n")
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME_WE)
  file(READ "${file}" text)
  string(APPEND out "{\"${name}\", \"locales/${name}.toml\", R\"handout_locale(${text})handout_locale\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "${out}")
