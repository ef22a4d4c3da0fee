// The interface between greetd and its plugins: a plain C ABI, so a plugin
// need not be built with the same compiler or standard library as greetd.
// A plugin is a shared object (a CMake MODULE library) that exports
// greetd_plugin_v1(); greetd dlopen()s it by the file name its configuration
// gives, e.g. "libgreetd_formal.so", and the dynamic loader finds it in the
// release's lib/ through greetd's RUNPATH ($ORIGIN/../lib).
#ifndef GREETD_PLUGIN_H
#define GREETD_PLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct greetd_plugin {
  // A short name for the style of greeting, e.g. "formal".
  const char *style;
  // Writes the greeting of `greeting` (from the configuration) for `who`
  // into `out`, at most `size` bytes including the terminating NUL, and
  // returns the length of the whole greeting (as snprintf does).
  size_t (*greet)(const char *greeting, const char *who, char *out, size_t size);
};

// The entry point greetd looks up with dlsym().
const struct greetd_plugin *greetd_plugin_v1(void);

#ifdef __cplusplus
}
#endif

#endif
