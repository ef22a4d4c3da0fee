# Never reached: the toolchain file stops first.
