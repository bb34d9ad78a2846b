/* Shared by the libFuzzer targets: the parsers expect a NUL-terminated buffer
 * (root_read always terminates), so each input is copied into one. */
#ifndef TRIAGE_FUZZ_H
#define TRIAGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
