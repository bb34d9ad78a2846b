/* Fuzz the escaping module: any bytes in, and what comes out must be clean:
 * no raw control byte for the terminal, valid UTF-8 everywhere. */
#include <stdio.h>

#include "core/escape.h"
#include "fuzz.h"

static void check_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t c;
		int k = utf8_decode((const unsigned char *)s + i, n - i, &c);

		if (k == 0)
			__builtin_trap();
		i += (size_t)k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[4096], *mem = NULL;
	size_t n, memlen = 0;
	FILE *f;

	n = esc_term(out, sizeof(out), (const char *)data, size);
	check_utf8(out, n);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			__builtin_trap();
	esc_term_width((const char *)data, size);
	f = open_memstream(&mem, &memlen);
	if (!f)
		return 0;
	esc_json_fputs(f, (const char *)data, size);
	esc_xml_fputs(f, (const char *)data, size);
	esc_term_fputs(f, (const char *)data, size);
	fclose(f);
	check_utf8(mem, memlen);
	free(mem);
	return 0;
}
