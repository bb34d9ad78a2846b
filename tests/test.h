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

/* Unit tests run from the repo's top directory (make check does). */
#define FIXTURES "tests/fixtures/"

#endif
