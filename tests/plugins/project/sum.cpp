// Plugin: sums 1..10 in SQLite, labelled by the project's libplugtest_util.
#include <cstdio>

#include "query.hpp"
#include "util.hpp"

namespace {
char answer[128];
}

extern "C" const char *plugtest_run() {
  const int sum = plugtest_query(
      "with recursive n(i) as (select 1 union all select i + 1 from n where i < 10) select sum(i) from n");
  std::snprintf(answer, sizeof answer, "%s 1..10=%d", plugtest_util_label(), sum);
  return answer;
}
