#include "freedmemory.h"

#include <cstdlib> // any C library header: it says whether this is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace huntaze {

void returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace huntaze
