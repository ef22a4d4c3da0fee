// The release's second program: prints its arguments, an ENV default and
// what the env hook exported (when the release has one).
#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv) {
  const char *greeting = std::getenv("HREL_GREETING");
  std::printf("htool:%s", greeting ? greeting : "(unset)");
  if (const char *hook = std::getenv("HREL_HOOK")) std::printf(" {%s}", hook);
  for (int i = 1; i < argc; ++i) std::printf(" [%s]", argv[i]);
  std::printf("\n");
  return 0;
}
