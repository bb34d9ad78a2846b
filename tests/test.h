/* Common includes of the cmocka unit tests (cmocka needs these first). */
#ifndef TRIAGE_TEST_H
#define TRIAGE_TEST_H

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* cmocka 1.1's assert_float_equal compares with |a - b| > epsilon, which is
 * false for NAN: an unknown (NAN) value would pass any check. Here a NAN
 * fails unless NAN is what was expected (then use assert_true(isnan(x))). */
#undef assert_float_equal
#define assert_float_equal(a, b, epsilon) do { \
		double a_ = (a), b_ = (b); \
		assert_false(isnan(a_) || isnan(b_)); \
		_assert_float_equal((float)a_, (float)b_, (float)(epsilon), __FILE__, __LINE__); \
	} while (0)

/* Unit tests run from the repo's top directory (make check does). */
#define FIXTURES "tests/fixtures/"

#endif
