#ifndef CHEAPSTATS_H
#define CHEAPSTATS_H
#include <stddef.h>

/// Bytes currently allocated through malloc, including mmapped blocks (glibc mallinfo2);
/// 0 where unknown.
size_t heap_stats_bytes_in_use(void);

#endif
