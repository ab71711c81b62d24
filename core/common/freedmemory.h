#pragma once

namespace huntaze {

// Hands the heap's free pages back to the system. glibc keeps what a large
// import freed (its lines, their statements' buffers) for later allocations:
// after ten million statement lines the desktop stayed at 200 MiB resident,
// where trimming brought it to about 110 (issue 12). Nothing to do where the
// C library has no such call. Safe from any thread; it walks every arena.
void returnFreedMemory();

} // namespace huntaze
