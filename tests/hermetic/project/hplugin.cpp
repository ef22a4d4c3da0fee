// A plugin the test release's program dlopen()s by bare file name.
extern "C" int hplugin_answer() { return 42; }
