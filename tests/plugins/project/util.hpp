// A library of the project that one plugin links (and nothing else needs).
#pragma once

const char *plugtest_util_label();
